// Whether signing credentials lets the event loop run: 200 signatures with one signer, one after the other, while a
// 1 ms timer counts its runs. Signing (jsonld canonicalisation, Ed25519) is a chain of promises with no I/O, so the
// timer does not run at all until the last one: the reason delivery hands the loop back after each signature.
// Run: node --import tsx bench/micro/sign-loop-delay.ts
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { KeyStore, achievementCredential, issuerIdentity, signCredential, statusEntry } from '../../server/badges/credentials';
const ks = new KeyStore(mkdtempSync(path.join(tmpdir(), 'ks-')));
const k = await ks.create('org1');
const id = issuerIdentity('http://192.168.1.2:3000', 'org1', [{ keyId: k.keyId, publicKeyMultibase: k.publicKeyMultibase, active: true }]);
const signer = await ks.signer('org1', k.keyId, id.verificationMethodId);
const mk = (i: number) => achievementCredential({ id: `http://x/credentials/${i}.json`, issuer: { id: id.did, name: 'Org' }, validFrom: new Date(), subject: { id: 'urn:uuid:6c7d8a1e-1b2c-4d3e-8f90-a1b2c3d4e5f6' }, achievement: { id: 'http://x/a/1', name: 'Idea giver', description: 'Gave ideas', criteria: 'Three cards kept' }, status: statusEntry('http://x/status/1.json', i) });
await signCredential(mk(0), signer);
// A timer that should fire every 1 ms: the longest gap between its runs is the longest time the loop was held.
let last = performance.now(), worst = 0, runs = 0;
const t = setInterval(() => { const n = performance.now(); worst = Math.max(worst, n - last); last = n; runs++; }, 1);
const h = monitorEventLoopDelay({ resolution: 1 }); h.enable();
const start = performance.now();
for (let i = 0; i < 200; i++) await signCredential(mk(i), signer);
const took = performance.now() - start;
h.disable(); clearInterval(t);
worst = Math.max(worst, performance.now() - last);
console.log(`timer ran ${runs} times; 200 signatures in ${took.toFixed(0)} ms; longest gap between 1-ms timer runs ${worst.toFixed(1)} ms; loop delay p99 ${(h.percentile(99) / 1e6).toFixed(1)} ms, max ${(h.max / 1e6).toFixed(1)} ms`);
