/** A small valid catalog as raw JSON (before validation), shared by the catalog validation and lookup tests. */

const SHA = 'a'.repeat(64);

/** One catalog file entry in the 'aal3' folder with a dummy checksum. */
export function file(name: string, role: string, extra: Record<string, unknown> = {}) {
  return { name, folder: 'aal3', role, bytes: 100, sha256: SHA, url: null, ...extra };
}

/** A small catalog that is valid; each test breaks one thing in a fresh copy. */
export function sample(): any {
  return {
    version: 1,
    atlases: [
      {
        id: 'aal3',
        name: 'AAL3',
        nameZh: 'AAL3（自动解剖标记图谱第3版）',
        family: 'aal3',
        year: 2020,
        citation: 'Rolls ET et al. (2020). Automated anatomical labelling atlas 3. NeuroImage 206:116189.',
        doi: '10.1016/j.neuroimage.2019.116189',
        license: 'GPL-3.0 (copy)',
        space: 'MNI152',
        kind: 'labels',
        parcels: 166,
        description: 'Anatomical parcellation.',
        notes: ['Values 35, 36, 81, 82 are unused.'],
        variants: [
          {
            id: '1mm',
            resolutionMm: 1,
            dims: [181, 217, 181],
            files: [
              file('AAL3v1_1mm.nii.gz', 'labels', {
                url: 'https://raw.githubusercontent.com/o/r/0123/AAL3v1_1mm.nii.gz',
              }),
              file('LUT.csv', 'labeltable'),
            ],
          },
          {
            id: '1mm-relabelled',
            resolutionMm: 1,
            space: 'Colin27',
            files: [file('relabelled.nii.gz', 'labels')],
            namesFromVariant: '1mm',
            notes: ['Names by overlap.'],
          },
          {
            id: '2mm',
            resolutionMm: 2,
            dims: [91, 109, 91],
            files: [file('AAL3v1.nii.gz', 'labels')],
            labelNames: [
              { value: 1, name: 'Precentral_L' },
              { value: 2, name: 'Precentral_R' },
            ],
          },
        ],
      },
      {
        id: 'aal',
        name: 'AAL',
        family: 'aal',
        year: 2002,
        citation: 'Tzourio-Mazoyer N et al. (2002).',
        doi: null,
        license: 'unknown',
        space: 'MNI',
        kind: 'probabilistic',
        parcels: 2,
        description: 'Probabilistic test atlas.',
        variants: [
          {
            id: '1mm',
            resolutionMm: 1,
            files: [
              file('max.nii.gz', 'labels'),
              file('p1.nii.gz', 'probability', { value: 1 }),
              file('p2.nii.gz', 'probability', { value: 2 }),
              file('p3.nii.gz', 'probability'),
            ],
          },
        ],
      },
      {
        id: 'power-264',
        name: 'Power 2011',
        family: 'power2011',
        year: 2011,
        citation: 'Power JD et al. (2011).',
        doi: '10.1016/j.neuron.2011.09.006',
        license: 'unknown',
        space: 'MNI coordinates (mm)',
        kind: 'coordinates',
        parcels: 264,
        description: 'ROI centres.',
        variants: [{ id: 'coords', resolutionMm: 0, files: [file('power_2011.csv', 'coordinates')] }],
      },
      {
        id: 'schaefer-400-7',
        name: 'Schaefer 400x7',
        family: 'schaefer2018',
        year: 2018,
        citation: 'Schaefer A et al. (2018).',
        doi: '10.1093/cercor/bhx179',
        license: 'MIT',
        space: 'MNI152NLin6Asym',
        kind: 'labels',
        parcels: 400,
        networks: 7,
        description: 'Cortical parcels.',
        variants: [{ id: '2mm', resolutionMm: 2, files: [file('s.nii.gz', 'labels'), file('s.txt', 'labeltable')] }],
      },
      {
        id: 'schaefer-400-17',
        name: 'Schaefer 400x17',
        family: 'schaefer2018',
        year: 2018,
        citation: 'Schaefer A et al. (2018).',
        doi: '10.1093/cercor/bhx179',
        license: 'MIT',
        space: 'MNI152NLin6Asym',
        kind: 'labels',
        parcels: 400,
        networks: 17,
        description: 'Cortical parcels.',
        variants: [{ id: '2mm', resolutionMm: 2, files: [file('s17.nii.gz', 'labels')] }],
      },
    ],
  };
}
