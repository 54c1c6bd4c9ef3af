// Public face of the `source` module; see README.md. Exports arrive with the issues that build it.
export {};
