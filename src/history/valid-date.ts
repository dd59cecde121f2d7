// Moved to src/council/domain/valid-date.ts (the domain imports nothing outside its folder). This re-export
// keeps in-flight branches compiling and is removed once they have merged.
export * from '../council/domain/valid-date';
