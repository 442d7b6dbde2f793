import type { DemoContext } from './context.ts';
import { userAt, type User } from './org.ts';
import { Random } from './random.ts';
import { workday, officeTime, type Day } from './time.ts';

/**
 * Feedback leaders give their AEs: weekly-ish 1:1s, deal and call reviews
 * from the manager, and now and then a skip-level from the head. Rating is
 * how useful the AE found it; each leader has their own typical quality.
 */
export interface Feedback {
  feedbackId: string;
  givenMs: number;
  giver: User;
  receiver: User;
  rating: number;
  channel: string | null;
}

const CHANNELS: readonly (readonly [string, number])[] = [
  ['1:1', 55],
  ['deal review', 25],
  ['call review', 15],
  ['ride-along', 5],
];

export function* coachingFeedback(ctx: DemoContext): Generator<Feedback> {
  const { start, asOf } = ctx.window;
  for (const receiver of ctx.org.users) {
    if (receiver.role !== 'ae' || receiver.managerIndex === null) continue;
    const manager = userAt(ctx.org, receiver.managerIndex);
    const head = ctx.org.users.find((u) => u.unit === receiver.unit && u.role === 'head');
    const rng = Random.stream(ctx.seed, 'coaching', receiver.index);
    const from: Day = Math.max(start, receiver.hiredDay ?? start);
    const to: Day = Math.min(asOf, receiver.leftDay ?? asOf);
    const given: Feedback[] = [];
    for (let week = from; week <= to; week += 7) {
      const sessions = rng.chance(0.85) ? 1 + (rng.chance(0.3) ? 1 : 0) : 0;
      for (let s = 0; s < sessions; s++) {
        const skipLevel = head !== undefined && head !== manager && rng.chance(0.06);
        const giver = skipLevel ? head : manager;
        const day = Math.min(workday(week + rng.int(0, 4)), to);
        const quality = 3 + (Random.stream(ctx.seed, 'coach-style', giver.index).next() * 1.4 - 0.3);
        given.push({
          feedbackId: '',
          givenMs: officeTime(rng, day, giver.tzHours),
          giver,
          receiver,
          rating: Math.min(5, Math.max(1, Math.round(quality + rng.normal() * 0.8))),
          channel: rng.chance(0.08) ? null : rng.weighted(CHANNELS),
        });
      }
    }
    given.sort((a, b) => a.givenMs - b.givenMs);
    for (const [k, feedback] of given.entries()) {
      feedback.feedbackId = `FB-${String(receiver.index + 1).padStart(6, '0')}-${String(k + 1).padStart(4, '0')}`;
      yield feedback;
    }
  }
}
