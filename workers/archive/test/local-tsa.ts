/**
 * A real RFC 3161 timestamp authority for tests, built with pkijs like any TSA server: a root CA,
 * the TSA's ECDSA P-256 certificate issued by it (extended key usage timeStamping, critical), and for each
 * DER TimeStampReq a granted TimeStampResp whose token is a CMS SignedData over a TSTInfo (signed
 * attributes: content type, message digest). Options make the faults a broken or forged TSA has.
 */
import * as asn1js from "asn1js";
import * as pkijs from "pkijs";

const name = (cn: string) =>
  new pkijs.RelativeDistinguishedNames({ typesAndValues: [new pkijs.AttributeTypeAndValue({ type: "2.5.4.3", value: new asn1js.Utf8String({ value: cn }) })] });

export interface LocalTsa {
  /** The TSA's certificate (carried in each token). */
  cert: pkijs.Certificate;
  /** The root CA that issued it, as PEM: the trust anchor to configure (ARCHIVE_TSA_TRUST). */
  pem: string;
  /** Answers a TimeStampReq (DER) with a TimeStampResp (DER). */
  respond(req: Uint8Array): Promise<Uint8Array>;
}

const ecdsa = async () => (await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"])) as CryptoKeyPair;
const positive = () => crypto.getRandomValues(new Uint8Array(8)).map((b, i) => (i === 0 ? (b & 0x7f) | 0x01 : b));

async function certificate(subject: string, issuer: string, key: CryptoKey, signWith: CryptoKey, extensions: pkijs.Extension[]): Promise<pkijs.Certificate> {
  const cert = new pkijs.Certificate();
  cert.version = 2;
  cert.serialNumber = new asn1js.Integer({ valueHex: positive() });
  cert.issuer = name(issuer);
  cert.subject = name(subject);
  cert.notBefore.value = new Date(Date.now() - 3_600_000);
  cert.notAfter.value = new Date(Date.now() + 24 * 3_600_000);
  cert.extensions = extensions;
  await cert.subjectPublicKeyInfo.importKey(key);
  await cert.sign(signWith, "SHA-256");
  return cert;
}

export async function localTsa(opts: { cn?: string; timeStamping?: boolean } = {}): Promise<LocalTsa> {
  const cn = opts.cn ?? "Autorité d’horodatage de test";
  const rootKeys = await ecdsa();
  const keys = await ecdsa();
  const ca = new pkijs.BasicConstraints({ cA: true });
  const rootCert = await certificate(`${cn} — racine`, `${cn} — racine`, rootKeys.publicKey, rootKeys.privateKey, [
    new pkijs.Extension({ extnID: "2.5.29.19", critical: true, extnValue: ca.toSchema().toBER(false), parsedValue: ca }),
  ]);
  const eku = new pkijs.ExtKeyUsage({ keyPurposes: opts.timeStamping === false ? ["1.3.6.1.5.5.7.3.1"] : ["1.3.6.1.5.5.7.3.8"] });
  const cert = await certificate(cn, `${cn} — racine`, keys.publicKey, rootKeys.privateKey, [
    new pkijs.Extension({ extnID: "2.5.29.37", critical: true, extnValue: eku.toSchema().toBER(false), parsedValue: eku }),
  ]);
  const der = new Uint8Array(rootCert.toSchema(true).toBER(false));
  const pem = `-----BEGIN CERTIFICATE-----\n${btoa(String.fromCharCode(...der)).replace(/.{64}/g, "$&\n")}\n-----END CERTIFICATE-----\n`;
  let serial = 1;

  async function respond(reqDer: Uint8Array): Promise<Uint8Array> {
    const req = pkijs.TimeStampReq.fromBER(reqDer);
    const tst = new pkijs.TSTInfo({
      version: 1,
      policy: "1.3.6.1.4.1.55555.1.1",
      messageImprint: req.messageImprint,
      serialNumber: new asn1js.Integer({ value: serial++ }),
      genTime: new Date(Math.floor(Date.now() / 1000) * 1000),
      ...(req.nonce ? { nonce: req.nonce } : {}),
    });
    const content = tst.toSchema().toBER(false);
    const digest = await crypto.subtle.digest("SHA-256", content);
    const signed = new pkijs.SignedData({
      version: 3,
      encapContentInfo: new pkijs.EncapsulatedContentInfo({
        eContentType: "1.2.840.113549.1.9.16.1.4",
        eContent: new asn1js.OctetString({ valueHex: content }),
      }),
      signerInfos: [
        new pkijs.SignerInfo({
          version: 1,
          sid: new pkijs.IssuerAndSerialNumber({ issuer: cert.issuer, serialNumber: cert.serialNumber }),
          signedAttrs: new pkijs.SignedAndUnsignedAttributes({
            type: 0,
            attributes: [
              new pkijs.Attribute({ type: "1.2.840.113549.1.9.3", values: [new asn1js.ObjectIdentifier({ value: "1.2.840.113549.1.9.16.1.4" })] }),
              new pkijs.Attribute({ type: "1.2.840.113549.1.9.4", values: [new asn1js.OctetString({ valueHex: digest })] }),
            ],
          }),
        }),
      ],
      certificates: [cert],
    });
    await signed.sign(keys.privateKey, 0, "SHA-256");
    const token = new pkijs.ContentInfo({ contentType: "1.2.840.113549.1.7.2", content: signed.toSchema(true) });
    const resp = new pkijs.TimeStampResp({ status: new pkijs.PKIStatusInfo({ status: pkijs.PKIStatus.granted }), timeStampToken: token });
    return new Uint8Array(resp.toSchema().toBER(false));
  }
  return { cert, pem, respond };
}
