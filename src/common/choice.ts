/** One entry of a dropdown or filter: what is submitted and what is shown. The app's only such type. */
export interface Choice {
  value: string;
  label: string;
}
