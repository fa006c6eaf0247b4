// The program's version, and the identity of its build: what stored data (cached indexes, their views and
// renderings) was made by, so that data made by another build is made again rather than trusted.

declare const __GLOSSARY_VERSION__: string | undefined;
declare const __GLOSSARY_BUILD__: string | undefined;

/** The package version, set when the program is bundled. */
export const PROGRAM_VERSION = typeof __GLOSSARY_VERSION__ === "string" ? __GLOSSARY_VERSION__ : "0.0.0";

/** The version and a hash of the code built (`dev` when running from the sources). */
export const BUILD_ID = typeof __GLOSSARY_BUILD__ === "string" ? __GLOSSARY_BUILD__ : "dev";
