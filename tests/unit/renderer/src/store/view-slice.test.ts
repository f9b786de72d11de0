/**
 * The hemisphere toggles against the camera presets: a medial view hides the other hemisphere for as long as it is
 * shown, and leaving it puts back what the user had chosen (a hemisphere the user hid stays hidden, one the preset
 * hid comes back); a toggle the user changes during the medial view holds afterwards.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../../../../renderer/src/api', () => ({ api: {} }));

const { useStore } = await import('../../../../../renderer/src/store');

const s = () => useStore.getState();
const both = { left: true, right: true };

describe('hemispheres and camera presets', () => {
  beforeEach(() => s().showAll());

  it('a medial view hides the other hemisphere; a lateral one brings it back', () => {
    s().requestCamera('left-medial');
    expect(s().hemispheres).toEqual({ left: true, right: false });
    s().requestCamera('superior');
    expect(s().hemispheres).toEqual(both);
  });

  it('keeps a hemisphere the user hid hidden after a medial view', () => {
    s().setHemisphere('left', false);
    s().requestCamera('right-medial');
    expect(s().hemispheres).toEqual({ left: false, right: true });
    s().requestCamera('left-lateral');
    expect(s().hemispheres).toEqual({ left: false, right: true });
  });

  it('shows the hemisphere a medial view looks at, and hides it again after if the user had', () => {
    s().setHemisphere('left', false);
    s().requestCamera('left-medial');
    expect(s().hemispheres).toEqual({ left: true, right: false });
    s().requestCamera('right-lateral');
    expect(s().hemispheres).toEqual({ left: false, right: true });
  });

  it('remembers the choice from before the first of several medial views', () => {
    s().setHemisphere('right', false);
    s().requestCamera('left-medial');
    s().requestCamera('right-medial');
    expect(s().hemispheres).toEqual({ left: false, right: true });
    s().requestCamera('anterior');
    expect(s().hemispheres).toEqual({ left: true, right: false });
  });

  it("respects the user's toggles during a medial view", () => {
    s().requestCamera('right-medial');
    // Ticked back by the user: it stays after the medial view.
    s().setHemisphere('left', true);
    expect(s().hemispheres).toEqual(both);
    s().requestCamera('left-lateral');
    expect(s().hemispheres).toEqual(both);

    s().requestCamera('right-medial');
    // The hemisphere the medial view looks at, unticked by the user: it stays hidden; the other comes back.
    s().setHemisphere('right', false);
    s().requestCamera('posterior');
    expect(s().hemispheres).toEqual({ left: true, right: false });
  });

  it('Reset view and Show all show both hemispheres and forget the medial view', () => {
    s().setHemisphere('left', false);
    s().requestCamera('right-medial');
    s().requestCamera('reset');
    expect(s().hemispheres).toEqual(both);
    s().requestCamera('left-lateral');
    expect(s().hemispheres).toEqual(both);

    s().setHemisphere('left', false);
    s().requestCamera('right-medial');
    s().showAll();
    expect(s().hemispheres).toEqual(both);
    s().requestCamera('superior');
    expect(s().hemispheres).toEqual(both);
  });

  it('a view that is not medial leaves the toggles alone', () => {
    s().setHemisphere('right', false);
    for (const p of ['left-lateral', 'right-lateral', 'superior', 'inferior', 'anterior', 'posterior'] as const) {
      s().requestCamera(p);
      expect(s().hemispheres, p).toEqual({ left: true, right: false });
    }
  });
});
