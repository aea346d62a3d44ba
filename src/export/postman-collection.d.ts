/** The little of Postman's SDK the export's test uses (the package's own types are not wired to its entry). */
declare module 'postman-collection' {
  interface PostmanItem {
    request: { url: { toString(): string } };
  }
  export class Collection {
    constructor(definition: object);
    static isCollection(value: unknown): boolean;
    forEachItem(callback: (item: PostmanItem) => void): void;
    variables: { toObject(): Record<string, unknown> };
    events: { listeners(name: string): { script: { toSource(): string } }[] };
    toJSON(): { auth?: { type: string; oauth2?: { key: string; value: unknown }[] } };
  }
}
