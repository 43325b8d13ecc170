import { currentVersionOf, UnknownSchemaVersion, upcastData, type Upcasters } from './upcasting';

const renameToTitle: Upcasters = [({ name, ...rest }) => ({ ...rest, title: name }), (data) => ({ ...data, tags: [] })];

describe('upcastData', () => {
  it('runs every upcaster from the stored version on, one version at a time', () =>
    expect(upcastData('Thing', 1, { name: 'a' }, renameToTitle)).toEqual({ title: 'a', tags: [] }));

  it('runs only the upcasters after the stored version', () =>
    expect(upcastData('Thing', 2, { title: 'a' }, renameToTitle)).toEqual({ title: 'a', tags: [] }));

  it('leaves data of the current version as it is', () => {
    const data = { title: 'a', tags: [] };
    expect(upcastData('Thing', 3, data, renameToTitle)).toBe(data);
    expect(upcastData('Other', 1, data, undefined)).toBe(data);
  });

  it('refuses a version newer than it knows, instead of misreading it', () =>
    expect(() => upcastData('Thing', 4, {}, renameToTitle)).toThrow(UnknownSchemaVersion));

  it('counts the current version from the upcasters', () => {
    expect(currentVersionOf(undefined)).toBe(1);
    expect(currentVersionOf(renameToTitle)).toBe(3);
  });
});
