import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it } from 'vitest';
import { initI18n } from './index';
import { useMemoT } from './memo';
import i18next from 'i18next';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function Status(): React.JSX.Element {
  const t = useMemoT();
  return <span id="status">{t('board.status.new')}</span>;
}

describe('useMemoT', () => {
  it('translates in the app language and follows a language change', async () => {
    await initI18n('zh-CN');
    const root = createRoot(document.body.appendChild(document.createElement('div')));
    act(() => root.render(<Status />));
    const text = (): string | null | undefined => document.getElementById('status')?.textContent;
    expect(text()).toBe(i18next.getFixedT('zh-CN')('board.status.new'));
    await act(async () => void (await i18next.changeLanguage('en')));
    expect(text()).toBe(i18next.getFixedT('en')('board.status.new'));
    expect(text()).not.toBe(i18next.getFixedT('zh-CN')('board.status.new'));
    act(() => root.unmount());
  });
});
