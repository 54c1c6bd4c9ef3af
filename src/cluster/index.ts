// Public face of the `cluster` module; see README.md. Exports arrive with the issues that build it.
export {};
