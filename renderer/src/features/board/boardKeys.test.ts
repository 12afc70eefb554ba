import { describe, expect, it } from 'vitest';
import { boardActionForKey, globalActionForKey, isTypingTarget } from './boardKeys';

describe('board keys', () => {
  it('maps the documented keys', () => {
    expect(boardActionForKey({ key: 'j' })).toEqual({ type: 'move', delta: 1 });
    expect(boardActionForKey({ key: 'k' })).toEqual({ type: 'move', delta: -1 });
    expect(boardActionForKey({ key: 'Enter' })).toEqual({ type: 'open' });
    expect(boardActionForKey({ key: 'a' })).toEqual({ type: 'acknowledge' });
    expect(boardActionForKey({ key: 'A', shiftKey: true })).toEqual({ type: 'bulkAcknowledge' });
    expect(boardActionForKey({ key: 'd' })).toEqual({ type: 'dismiss' });
    expect(boardActionForKey({ key: 'x' })).toEqual({ type: 'toggleSelect' });
    expect(boardActionForKey({ key: '/' })).toEqual({ type: 'search' });
    expect(boardActionForKey({ key: '?', shiftKey: true })).toEqual({ type: 'help' });
    expect(boardActionForKey({ key: 'Escape' })).toEqual({ type: 'escape' });
  });

  it('leaves browser and system shortcuts alone', () => {
    expect(boardActionForKey({ key: 'a', ctrlKey: true })).toBeNull();
    expect(boardActionForKey({ key: 'r', metaKey: true })).toBeNull();
    expect(boardActionForKey({ key: 'q' })).toBeNull();
  });

  it('outside the board only search and help are global', () => {
    expect(globalActionForKey({ key: 'j' })).toBeNull();
    expect(globalActionForKey({ key: '?' })).toEqual({ type: 'help' });
  });

  it('knows when the user is typing', () => {
    const input = document.createElement('input');
    const checkbox = document.createElement('input');
    checkbox.type = 'checkbox';
    expect(isTypingTarget(input)).toBe(true);
    expect(isTypingTarget(document.createElement('textarea'))).toBe(true);
    expect(isTypingTarget(document.createElement('select'))).toBe(true);
    expect(isTypingTarget(checkbox)).toBe(false);
    expect(isTypingTarget(document.createElement('div'))).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });
});
