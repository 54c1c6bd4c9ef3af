// Public face of the `engine` module; see README.md. Exports arrive with the issues that build it.
export {};
