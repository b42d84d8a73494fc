import type { ProcessDefinition } from './definition';
import { contentHash } from './content-hash';
import { DefinitionRegistry, RegistryError } from './registry';
import { definition, end, start, task } from './test/builders';

const catalog = { activities: [], roles: ['coordinator'] };
const version = (
  id: string,
  v: number,
  elements = [start, task('a'), end],
  flows = ['start->a', 'a->end'],
) => ({ ...definition(elements, flows), id, version: v }) as ProcessDefinition;

describe('DefinitionRegistry', () => {
  const parent = version(
    'case',
    1,
    [start, { id: 'meet', type: 'callActivity', calledElement: 'meeting', version: 'latest' }, end],
    ['start->meet', 'meet->end'],
  );
  const registry = new DefinitionRegistry(
    [version('meeting', 1), version('meeting', 2), parent],
    catalog,
  );

  it('lists ids and versions and gives the latest by default', () => {
    expect(registry.ids()).toEqual(['case', 'meeting']);
    expect(registry.versions('meeting')).toEqual([1, 2]);
    expect(registry.get('meeting').version).toBe(2);
    expect(registry.get('meeting', 1).version).toBe(1);
  });

  it('pins the definition and what it calls, binding `latest` to the version current now', () => {
    const pinned = registry.pin('case');
    expect(pinned.root).toBe('case@1');
    expect(Object.keys(pinned.definitions).sort()).toEqual(['case@1', 'meeting@2']);
    expect(pinned.bindings).toEqual({ 'meeting@latest': 'meeting@2' });
  });

  it('pins a definition without the $schema reference its file may carry for editors', () => {
    const withSchema = {
      ...version('edited', 1),
      $schema: '../schemas/process-definition.schema.json',
    };
    const pinned = new DefinitionRegistry([withSchema], catalog).pin('edited');
    expect(pinned.definitions['edited@1']).toEqual(version('edited', 1));
  });

  it('refuses an invalid definition, or a version released twice, naming them', () => {
    const broken = version('broken', 1, [start, task('a')], ['start->a']);
    expect(() => new DefinitionRegistry([broken], catalog)).toThrow(RegistryError);
    expect(() => new DefinitionRegistry([broken], catalog)).toThrow('broken@1 a [dead-end]');
    expect(() => new DefinitionRegistry([version('m', 1), version('m', 1)], catalog)).toThrow(
      'released twice',
    );
  });
});

describe('DefinitionRegistry pinning by hash', () => {
  const parent = version(
    'case',
    1,
    [start, { id: 'meet', type: 'callActivity', calledElement: 'meeting', version: 'latest' }, end],
    ['start->meet', 'meet->end'],
  );
  const registry = new DefinitionRegistry(
    [version('meeting', 1), version('meeting', 2), parent],
    catalog,
  );

  it('pins every definition a run may call by key and content hash, with the same bindings', () => {
    const pinned = registry.pinByHash('case');
    expect(pinned.root).toBe('case@1');
    expect(pinned.bindings).toEqual({ 'meeting@latest': 'meeting@2' });
    expect(pinned.pins).toEqual({
      'case@1': contentHash(registry.get('case', 1)),
      'meeting@2': contentHash(registry.get('meeting', 2)),
    });
    expect(pinned.pins['meeting@2']).not.toBe(contentHash(registry.get('meeting', 1)));
  });

  it('ships every released version with the hash a run pins it by', () => {
    const shipped = registry.shipped();
    expect(Object.keys(shipped).sort()).toEqual(['case@1', 'meeting@1', 'meeting@2']);
    expect(shipped['meeting@1']).toEqual({
      hash: registry.pinByHash('meeting', 1).pins['meeting@1'],
      definition: registry.get('meeting', 1),
    });
  });
});
