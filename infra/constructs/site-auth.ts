import { createHash } from 'node:crypto';
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnUserPoolUser,
  ClientAttributes,
  StringAttribute,
  FeaturePlan,
  Mfa,
  OAuthScope,
  UserPool,
  UserPoolClientIdentityProvider,
  type UserPoolClient,
  type UserPoolDomain,
} from 'aws-cdk-lib/aws-cognito';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import type { EdgeAuthConfig } from '../edge/auth-config.ts';
import { CALLBACK_PATH } from '../edge/oauth.ts';

export interface SiteAuthProps {
  prefix: string;
  /** the site's addresses, e.g. `https://d111111abcdef8.cloudfront.net`: sign-in returns there */
  siteUrls: string[];
  /** e-mail addresses invited to sign in */
  viewers: string[];
  /** the SSM parameter the edge function reads (see SiteGate) */
  parameterName: string;
  /** the site bucket, whose `_access/` holds the access lists the edge function reads */
  siteBucket: IBucket;
}

/** How long a sign-in lasts: a working day; a shared or lost laptop is not signed in overnight. */
export const SIGN_IN_HOURS = 8;

/** The admin-only attribute binding a viewer to a CRM user id (`custom:crm_user_id` in the ID token). */
export const CRM_USER_ATTRIBUTE = 'crm_user_id';

/**
 * Who may read the reports: a Cognito user pool with no self sign-up (an
 * administrator invites people, or the config's `aws.siteViewers`), MFA
 * required, the hosted UI on a Cognito domain, a public app client for the
 * site (authorization code + PKCE), and the SSM parameter that tells the
 * edge function all of this.
 *
 * @example
 * new SiteAuth(this, 'Auth', { prefix, siteUrls: [`https://${distribution.distributionDomainName}`], viewers: [], parameterName });
 */
export class SiteAuth extends Construct {
  readonly userPool: UserPool;
  readonly domain: UserPoolDomain;
  readonly client: UserPoolClient;

  constructor(scope: Construct, id: string, props: SiteAuthProps) {
    super(scope, id);
    const [siteUrl = ''] = props.siteUrls;
    this.userPool = new UserPool(this, 'Viewers', {
      userPoolName: `${props.prefix}-site-viewers`,
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      // set by an administrator (or the provisioning); the site's client cannot write it
      customAttributes: { [CRM_USER_ATTRIBUTE]: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }) },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(7),
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.ESSENTIALS,
      userInvitation: {
        emailSubject: 'Your sign-in to the sales scorecard',
        emailBody: `You can now read the sales scorecard at ${siteUrl}/ . Sign in with {username} and the temporary password {####}, then set your own password and an authenticator app.`,
      },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG8',
      reason:
        'The Plus feature plan (threat protection) is billed per user; the pool has no self sign-up and requires MFA for its few invited viewers.',
    });

    this.domain = this.userPool.addDomain('HostedUi', {
      // unique per account and region, and free of the words Cognito forbids in prefixes
      cognitoDomain: { domainPrefix: `${props.prefix}-${Stack.of(this).account}` },
    });

    this.client = this.userPool.addClient('Site', {
      userPoolClientName: `${props.prefix}-site`,
      generateSecret: false,
      preventUserExistenceErrors: true,
      // the hosted UI only: no API sign-in (whose tokens could change attributes), only the refresh flow Cognito always keeps
      authFlows: { userSrp: false, userPassword: false, custom: false, adminUserPassword: false, user: false },
      // viewers change nothing about themselves: their e-mail and CRM user are an administrator's to set
      writeAttributes: new ClientAttributes(),
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes(CRM_USER_ATTRIBUTE),
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: props.siteUrls.map((url) => `${url}${CALLBACK_PATH}`),
        logoutUrls: props.siteUrls.map((url) => `${url}/`),
      },
      idTokenValidity: Duration.hours(SIGN_IN_HOURS),
      accessTokenValidity: Duration.hours(SIGN_IN_HOURS),
      // the gate never refreshes: a session ends with its ID token
      refreshTokenValidity: Duration.hours(SIGN_IN_HOURS),
    });

    const config: EdgeAuthConfig = {
      region: Stack.of(this).region,
      userPoolId: this.userPool.userPoolId,
      clientId: this.client.userPoolClientId,
      domain: this.domain.baseUrl(),
      accessBucket: props.siteBucket.bucketName,
      accessRegion: Stack.of(this).region,
    };
    new StringParameter(this, 'EdgeConfig', {
      parameterName: props.parameterName,
      description: 'Scorecard site: the user pool the sign-in edge function checks tokens against',
      stringValue: Stack.of(this).toJsonString(config),
    });

    for (const email of props.viewers) {
      // an id from the address, so that removing one viewer does not re-invite the others
      const id = createHash('sha256').update(email.toLowerCase()).digest('hex').slice(0, 12);
      new CfnUserPoolUser(this, `Viewer-${id}`, {
        userPoolId: this.userPool.userPoolId,
        username: email,
        desiredDeliveryMediums: ['EMAIL'],
        userAttributes: [
          { name: 'email', value: email },
          { name: 'email_verified', value: 'true' },
        ],
      });
    }
  }
}
