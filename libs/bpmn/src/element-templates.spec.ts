import fs from 'node:fs';
import { elementTemplates } from './element-templates';

const FILE = 'libs/bpmn/element-templates/sss-case-engine.json';

describe('Camunda Modeler element templates', () => {
  it('are committed as built from the roles and activities the product knows', () => {
    expect(JSON.parse(fs.readFileSync(FILE, 'utf8'))).toEqual(elementTemplates());
  });

  it('bind only attributes the moddle descriptor declares', () => {
    const descriptor = JSON.parse(fs.readFileSync('libs/bpmn/src/sss.moddle.json', 'utf8')) as {
      types: { properties: { name: string; isAttr?: boolean }[] }[];
    };
    const declared = new Set(
      descriptor.types.flatMap((t) =>
        t.properties.filter((p) => p.isAttr).map((p) => `sss:${p.name}`),
      ),
    );
    const bound = elementTemplates().flatMap((t) =>
      (t.properties as { binding: { name: string } }[]).map((p) => p.binding.name),
    );
    expect(bound.filter((name) => !declared.has(name))).toEqual([]);
  });
});
