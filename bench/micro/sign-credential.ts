// How long signing and verifying one Open Badges 3.0 credential takes (eddsa-rdfc-2022: RDF canonicalisation and
// Ed25519) on this machine: what a facilitator's confirmation or a phone's "take your badges home" costs per badge.
// Run: node --import tsx bench/micro/sign-credential.ts
import { performance } from 'node:perf_hooks';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { KeyStore, achievementCredential, issuerIdentity, signCredential, verifyCredential, statusEntry } from '../../server/badges/credentials';
const ks = new KeyStore(mkdtempSync(path.join(tmpdir(), 'ks-')));
const k = await ks.create('org1');
const id = issuerIdentity('http://192.168.1.2:3000', 'org1', [{ keyId: k.keyId, publicKeyMultibase: k.publicKeyMultibase, active: true }]);
const signer = await ks.signer('org1', k.keyId, id.verificationMethodId);
const mk = (i: number) => achievementCredential({ id: `http://x/credentials/${i}.json`, issuer: { id: id.did, name: 'Org' }, validFrom: new Date(), subject: { id: 'urn:uuid:6c7d8a1e-1b2c-4d3e-8f90-a1b2c3d4e5f6' }, achievement: { id: 'http://x/a/1', name: 'Idea giver', description: 'Gave ideas', criteria: 'Three cards kept' }, status: statusEntry('http://x/status/1.json', i) });
await signCredential(mk(0), signer);
const N = 40;
let t = performance.now();
const signed = [];
for (let i = 0; i < N; i++) signed.push(await signCredential(mk(i), signer));
const sign = (performance.now() - t) / N;
t = performance.now();
for (const s of signed.slice(0, 20)) await verifyCredential(s, {});
const ver = (performance.now() - t) / 20;
console.log(`sign ${sign.toFixed(1)} ms/credential, verify (no status list) ${ver.toFixed(1)} ms/credential`);
