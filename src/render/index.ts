// Public face of the `render` module; see README.md. Exports arrive with the issues that build it.
export {};
