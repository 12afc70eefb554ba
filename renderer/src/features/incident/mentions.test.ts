import { describe, expect, it } from 'vitest';
import { insertMention, mentionCandidates, mentionQueryAt, mentionsIn, noteSegments } from './mentions';

describe('note mentions', () => {
  it('finds the mention being typed at the caret, not one already finished', () => {
    expect(mentionQueryAt('请 @交', 4)).toEqual({ start: 2, query: '交' });
    expect(mentionQueryAt('请 @交通运输 尽快', 10)).toBeNull();
    expect(mentionQueryAt('no mention', 5)).toBeNull();
  });

  it('offers agencies by short name in either language or by id', () => {
    expect(mentionCandidates('交')[0]).toBe('hlj-traffic');
    expect(mentionCandidates('eco')[0]).toBe('hlj-ecology');
    expect(mentionCandidates('hlj-saf')).toEqual(['hlj-safety']);
    expect(mentionCandidates('')).toHaveLength(6);
    expect(mentionCandidates('xyz')).toEqual([]);
  });

  it('inserts a name the hub recognises as a mention', () => {
    const q = mentionQueryAt('请 @交 核实', 4)!;
    const r = insertMention('请 @交 核实', q, 'hlj-traffic', 'zh');
    expect(r.text).toBe('请 @交通运输  核实');
    expect(r.caret).toBe(8);
    expect(mentionsIn(r.text)).toEqual(['hlj-traffic']);
    expect(mentionsIn(insertMention('@Eco', mentionQueryAt('@Eco', 4)!, 'hlj-ecology', 'en').text)).toEqual(['hlj-ecology']);
  });

  it('splits a note into text and mention runs', () => {
    expect(noteSegments('请@生态环境和@Transport 跟进')).toEqual([
      { text: '请', mention: false },
      { text: '@生态环境', mention: true },
      { text: '和', mention: false },
      { text: '@Transport', mention: true },
      { text: ' 跟进', mention: false },
    ]);
    expect(noteSegments('<b>x</b>')).toEqual([{ text: '<b>x</b>', mention: false }]);
  });
});
