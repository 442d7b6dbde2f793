/// <reference types="astro/client" />

declare module 'virtual:scorecard/data-file' {
  /** absolute path of the build's site data JSON */
  const file: string;
  export default file;
}
