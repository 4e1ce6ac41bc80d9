// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { trackUrlRules, watchClickRules } from '../../sdk/core/feature-rules.ts';

describe('no-code feature rules in the page', () => {
  it('turns a click on a matching element, even inside a shadow root, into Feature Used', () => {
    const track = vi.fn();
    watchClickRules([{ key: 'export', rule: { type: 'click', selector: '[data-action="export"]' } }], track);
    const host = document.createElement('div');
    document.body.append(host);
    const root = host.attachShadow({ mode: 'open' });
    const button = document.createElement('button');
    button.dataset.action = 'export';
    const label = document.createElement('span');
    label.textContent = 'secret customer name';
    button.append(label);
    root.append(button);
    label.click();
    expect(track).toHaveBeenCalledWith('Feature Used', { feature: 'export', rule: 'click' });
    // Only the key is sent: no text content of the clicked element.
    expect(JSON.stringify(track.mock.calls)).not.toContain('secret');
    document.body.click();
    expect(track).toHaveBeenCalledTimes(1);
  });

  it('names an element inside a web component as message anchors do, and only that one', () => {
    const track = vi.fn();
    watchClickRules([{ key: 'export', rule: { type: 'click', selector: 'clinic-toolbar >>> #export' } }], track);
    const buttonIn = (tag: string) => {
      const host = document.createElement(tag);
      document.body.append(host);
      const button = document.createElement('button');
      button.id = 'export';
      host.attachShadow({ mode: 'open' }).append(button);
      return button;
    };
    const other = buttonIn('report-toolbar');
    const wanted = buttonIn('clinic-toolbar');
    other.click();
    expect(track).not.toHaveBeenCalled();
    wanted.click();
    expect(track).toHaveBeenCalledWith('Feature Used', { feature: 'export', rule: 'click' });
    expect(track).toHaveBeenCalledTimes(1);
  });

  it('ignores an invalid selector instead of breaking clicks', () => {
    const track = vi.fn();
    watchClickRules([{ key: 'bad', rule: { type: 'click', selector: '[[[' } }], track);
    expect(() => document.body.click()).not.toThrow();
    expect(track).not.toHaveBeenCalled();
  });

  it('turns a visit to a matching path into Feature Used', () => {
    const track = vi.fn();
    const rules = [{ key: 'billing', rule: { type: 'url' as const, pattern: '/settings/billing*' } }];
    trackUrlRules(rules, '/settings/billing/invoices', track);
    trackUrlRules(rules, '/settings/team', track);
    expect(track.mock.calls).toEqual([['Feature Used', { feature: 'billing', rule: 'url' }]]);
  });
});
