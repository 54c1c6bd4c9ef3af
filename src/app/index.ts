// Public face of the `app` module; see README.md. Exports arrive with the issues that build it.
export {};
