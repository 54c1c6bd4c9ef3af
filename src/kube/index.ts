// Public face of the `kube` module; see README.md. Exports arrive with the issues that build it.
export {};
