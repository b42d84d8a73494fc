import type { FlowElement } from '@sss/domain';
import { englishName, japaneseName, RELEASED_DEFINITIONS } from './index';

const elementsOf = (elements: FlowElement[]): FlowElement[] =>
  elements.flatMap((el) => [el, ...(el.type === 'subProcess' ? elementsOf(el.elements) : [])]);

describe('English names', () => {
  it("keep a task's name in its file beside the Japanese one a newer version adds", () => {
    expect(englishName('collaboration@3', 'obtainConsent')).toBe(
      'Obtain consent to share information',
    );
    expect(japaneseName('collaboration@3', 'obtainConsent')).toBe('情報共有の本人同意を得る');
    expect(englishName('collaboration@3', 'noSuchElement')).toBeUndefined();
  });
});

describe('Japanese names', () => {
  it('name every task and every notifying event of every released version, old ones included', () => {
    const missing = RELEASED_DEFINITIONS.flatMap((def) =>
      elementsOf(def.elements)
        .filter(
          (el) =>
            el.type === 'userTask' ||
            (el.type === 'intermediateCatchEvent' && (el.invite || el.notify || el.reminders)),
        )
        .filter((el) => !japaneseName(`${def.id}@${def.version}`, el.id))
        .map((el) => `${def.id}@${def.version}/${el.id}`),
    );
    expect(missing).toEqual([]);
  });

  it('reach released versions from the version that spells them, and from the table', () => {
    expect(japaneseName('collaboration@1', 'restoreContact')).toBe(
      '連絡途絶：本人との接触を図る（アウトリーチ）',
    );
    expect(japaneseName('collaboration-kashiwa@2', 'planMeeting')).toBe(
      'プランを決定するブロック会議',
    );
    expect(japaneseName('collaboration@2', 'planMeeting')).toBe('プランを決定する重層的支援会議');
    expect(japaneseName('meeting@2', 'schedule')).toBe('会議の日程と出席者を決める');
    expect(japaneseName('meeting@1', 'nowhere')).toBeUndefined();
  });
});
