/**
 * The name a newly opened map is listed by (the map list, its cluster report's heading, its colour scale): its file
 * name, or, where an open map already has that name (the same file opened twice, or zstat1.nii.gz from two FSL
 * folders), that name with the first number from 2 that no open map has: "zstat1.nii.gz (2)".
 */
export function distinctMapName(fileName: string, openNames: Iterable<string>): string {
  const taken = new Set(openNames);
  if (!taken.has(fileName)) return fileName;
  for (let k = 2; ; k++) {
    const name = `${fileName} (${k})`;
    if (!taken.has(name)) return name;
  }
}

/**
 * A map's listed name as the start of a file name for what is saved from it: without .nii or .nii.gz, and with a
 * number distinctMapName gave after an underscore ("zstat1.nii.gz (2)" → "zstat1_2"), so two maps' files differ.
 */
export function mapFileStem(listedName: string): string {
  const [, stem, number] = /^(.*?)(?:\.nii(?:\.gz)?)?(?: \((\d+)\))?$/i.exec(listedName) ?? [];
  return number ? `${stem}_${number}` : (stem ?? listedName);
}
