/** The journal's signing key: the Ed25519 signer now lives in core (shared with identity's checkpoints). */
export { signerOf, type Signer } from "@communa/core";
