// marked's classes, imported from the package here only: whichever parts of the program use marked share
// one copy of it (loading marked costs milliseconds: it builds its grammar when loaded).

export { Lexer, Marked } from "marked";
