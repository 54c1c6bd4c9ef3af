// Public face of the `server` module; see README.md. Exports arrive with the issues that build it.
export {};
