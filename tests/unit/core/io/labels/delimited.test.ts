import { describe, expect, it } from 'vitest';
import { parseDelimited } from '../../../../../core/io/labels/delimited';
import { detectLabelTableFormat, parseLabelTable } from '../../../../../core/io/labels/detect';
import { isAtlasError } from '../../../../../core/errors';

const enc = (s: string) => new TextEncoder().encode(s);

describe('generic delimited tables with a header', () => {
  it('xcp_d info.tsv: index + node', () => {
    const t = parseDelimited(enc('index\tnode\n1\t17Networks_LH_VisCent_ExStr_1\n2\t17Networks_LH_VisCent_ExStr_2\n'), {
      fileName: 'Schaefer2018_100Parcels_17Networks_order_info.tsv',
    });
    expect(t.format).toBe('delimited');
    expect(t.entries).toEqual([
      { value: 1, name: '17Networks_LH_VisCent_ExStr_1' },
      { value: 2, name: '17Networks_LH_VisCent_ExStr_2' },
    ]);
  });

  it('AAL3 LUT.csv: ROI + hemi gives Precentral_L; names split by unquoted commas are re-joined with "_"', () => {
    const csv =
      'label,ROI,hemi\n1,Precentral,L\n2,Precentral,R\n73,Paracentral,Lobule,L\n74,Paracentral,Lobule,R\n113,Vermis_1_2\n169,Raphe_D,n/a\n';
    const t = parseDelimited(csv, { fileName: 'LUT.csv' });
    expect(t.entries).toEqual([
      { value: 1, name: 'Precentral_L', hemisphere: 'left' },
      { value: 2, name: 'Precentral_R', hemisphere: 'right' },
      { value: 73, name: 'Paracentral_Lobule_L', hemisphere: 'left' },
      { value: 74, name: 'Paracentral_Lobule_R', hemisphere: 'right' },
      { value: 113, name: 'Vermis_1_2' },
      { value: 169, name: 'Raphe_D' },
    ]);
    expect(t.warnings).toEqual([
      'lines 4, 5 have more fields than the header (3); the extra fields were joined into the "ROI" column with "_" (an unquoted "," in a name?)',
      'line 6 has fewer fields than the header (3); the missing columns were left empty',
    ]);
  });

  it('Glasser_LUT.csv: ROI is the name and abbreviation, description kept', () => {
    const t = parseDelimited('label,description,ROI\n1,Primary_visual_cortex,V1\n', { fileName: 'Glasser_LUT.csv' });
    expect(t.entries).toEqual([{ value: 1, name: 'V1', abbreviation: 'V1', description: 'Primary_visual_cortex' }]);
  });

  it('Brainnetome BNA_subregions.csv: quoted fields, hemisphere, gyrus/lobe/coordinates in extra', () => {
    const csv =
      'label,hemisphere,short_name,description,subregion_code,gyrus,lobe,mni_x,mni_y,mni_z\n' +
      '1,L,A8m_L,"A8m, medial area 8",SFG_L_7_1,"SFG, Superior Frontal Gyrus",Frontal Lobe,-5,15,54\n';
    const t = parseDelimited(csv, { fileName: 'BNA_subregions.csv' });
    expect(t.entries).toEqual([
      {
        value: 1,
        name: 'A8m_L',
        abbreviation: 'A8m_L',
        description: 'A8m, medial area 8',
        hemisphere: 'left',
        extra: {
          subregion_code: 'SFG_L_7_1',
          gyrus: 'SFG, Superior Frontal Gyrus',
          lobe: 'Frontal Lobe',
          mni_x: '-5',
          mni_y: '15',
          mni_z: '54',
        },
      },
    ]);
  });

  it('Shen: CR-only line endings, Node is the index, Network the network, names made from the index', () => {
    const t = parseLabelTable(enc('Node,Network\r1,2\r2,4\r3,3'), {
      fileName: 'shen_268_parcellation_networklabels.csv',
    });
    expect(t.format).toBe('delimited');
    expect(t.entries).toEqual([
      { value: 1, name: 'Node 1', network: '2' },
      { value: 2, name: 'Node 2', network: '4' },
      { value: 3, name: 'Node 3', network: '3' },
    ]);
    expect(t.warnings).toEqual(['the table has no name column, so regions are named "Node <value>"']);
  });

  it('coordinates tables with separate R G B columns, and "ROI Label" style headers', () => {
    const t = parseDelimited('ROI Label;ROI Name;Red;Green;Blue;x\n7;Amygdala;10;20;30;-22\n', { fileName: 'x.csv' });
    expect(t.entries).toEqual([{ value: 7, name: 'Amygdala', color: [10, 20, 30], extra: { x: '-22' } }]);
  });

  it('mismatched columns: a row with extra fields and no name column to absorb them is a warning', () => {
    const t = parseDelimited('Node,Network\n1,2\n2,4,9\n3,3\n', { fileName: 'x.csv' });
    expect(t.entries.map((e) => e.value)).toEqual([1, 3]);
    expect(t.warnings).toContain('line 3 skipped: "2,4,9" has 3 fields where the header has 2');
  });

  it('non-integer values: a warning per row, corrupt when most rows fail', () => {
    const t = parseDelimited('index\tname\n1\tA\n1.5\tB\n2\tC\n', { fileName: 'x.tsv' });
    expect(t.entries.map((e) => e.name)).toEqual(['A', 'C']);
    expect(t.warnings).toEqual(['line 3 skipped: "1.5 B" has value "1.5", which is not a non-negative integer']);
    try {
      parseDelimited('index\tname\n1\tA\nx\tB\n-3\tC\n', { fileName: 'x.tsv' });
      expect.unreachable();
    } catch (e) {
      expect(isAtlasError(e) && e.code).toBe('corrupt');
      expect((e as Error).message).toMatch(/^x\.tsv: line 3: "x B" has value "x".*2 of 3 rows could not be read/);
    }
  });

  it('a header with known columns but no integer index column is refused clearly', () => {
    // Seitzman allInfo.txt: netWorkbenchLabel holds integers, but repeated ones (network codes), so it is no index.
    const text =
      'x y z radius(mm) netWorkbenchLabel netName\n-56.16 -44.76 -24.23 5 0 unassigned\n' +
      '-24.66 -97.84 -12.33 5 0 unassigned\n8.13 41.12 -24.31 5 0 unassigned\n26.68 -97.3 -13.49 5 1 Visual\n';
    expect(detectLabelTableFormat(enc(text), 'seitzman_allInfo.txt')).toBeNull();
    expect(() => parseLabelTable(enc('name,network\nA,Vis\nB,Default\n'), { fileName: 'n.csv' })).toThrow(
      /^n\.csv: its header \("name, network"\) names no column of integer label values/,
    );
  });
});
