import { expect } from 'chai';
import { renderPanels, type PagePanel } from '../../../src/documents/page-panels.js';
import type { RequestContext } from '../../../src/http/request-context.js';

const ctx = {} as RequestContext;

describe('page panels (document kit)', () => {
  it('when panels are given, then each is called with the loaded record and lands at its place in the order given; one with nothing to show is left out', async () => {
    const seen: string[] = [];
    const panel =
      (name: string, place: 'actions' | 'details' | 'end' | null): PagePanel<{ id: string }> =>
      async (_ctx, doc) => {
        seen.push(`${name}:${doc.id}`);
        return place ? { place, partial: `x/${name}`, locals: { id: doc.id } } : null;
      };
    const panels = await renderPanels([panel('a', 'end'), panel('b', 'actions'), panel('c', null), panel('d', 'end')], ctx, { id: 'so-1' });
    expect(seen).to.deep.equal(['a:so-1', 'b:so-1', 'c:so-1', 'd:so-1']);
    expect(panels).to.deep.equal({
      actions: [{ place: 'actions', partial: 'x/b', locals: { id: 'so-1' } }],
      details: [],
      end: [
        { place: 'end', partial: 'x/a', locals: { id: 'so-1' } },
        { place: 'end', partial: 'x/d', locals: { id: 'so-1' } },
      ],
    });
  });

  it('when a panel fails, then the page fails with its error (it is not silently left out)', async () => {
    const broken: PagePanel<{ id: string }> = async () => {
      throw new Error('panel broke');
    };
    let error: unknown;
    await renderPanels([broken], ctx, { id: 'so-1' }).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(Error).with.property('message', 'panel broke');
  });
});
