// The build's data file comes from the virtual module that publish's Vite plugin provides (functions/publish/astro-build.ts).
import dataFile from 'virtual:scorecard/data-file';
import { readSiteData } from '../../../functions/report/site-data.ts';
import { SiteView } from '../../../functions/report/view.ts';

let view: SiteView | undefined;

/** The view every page of this build renders from: the data file is read once. */
export function siteView(): SiteView {
  view ??= new SiteView(readSiteData(dataFile));
  return view;
}
