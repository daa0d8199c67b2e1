// wallet.js signs and broadcasts xmtpd transactions with CosmJS the way a
// dapp with Keplr or a Ledger does: the custom messages are protobuf types
// (parsed from the repository's .proto files) plus amino converters under
// the amino names a wallet integration registers (AMINO_NAMES below).
//
// It reads one JSON request per line on stdin and answers one JSON line on
// stdout (the Go test in tests/wallet drives it):
//   {"op":"init","rpc":"http://…","proto_dir":"…/proto","prefix":"xmtp","keys":{"name":"<hex private key>"}}
//   {"op":"tx","signer":"name","mode":"direct"|"amino","msgs":[{"type_url":"/…","value":{…}}],"gas":"800000"}
//   {"op":"validate","schema":"…/x.schema.json","data":"…/x.json"}
// Message values use the proto field names; Dec fields are decimals ("0.5"),
// 64-bit integers strings, durations {"seconds":"…","nanos":0}.
"use strict";

const fs = require("fs");
const path = require("path");
const readline = require("readline");
const protobuf = require("protobufjs");
const { SigningStargateClient, AminoTypes, createDefaultAminoConverters, defaultRegistryTypes } = require("@cosmjs/stargate");
const { Registry, DirectSecp256k1Wallet } = require("@cosmjs/proto-signing");
const { Secp256k1Wallet } = require("@cosmjs/amino");
const { fromHex, toBase64, fromBase64 } = require("@cosmjs/encoding");
const { Comet38Client } = require("@cosmjs/tendermint-rpc");

// The amino names of every custom message, as a wallet integration lists
// them. They must equal the chain's registration, or amino-json signatures
// (Keplr's amino mode, every Ledger) fail to verify.
const AMINO_NAMES = {
  "/xmtp.nodeselection.v1.MsgIssueOperatorNFT": "xmtp/ns/MsgIssueOperatorNFT",
  "/xmtp.nodeselection.v1.MsgRevokeOperatorNFT": "xmtp/ns/MsgRevokeOperatorNFT",
  "/xmtp.nodeselection.v1.MsgTransferOperatorNFT": "xmtp/ns/MsgTransferOperatorNFT",
  "/xmtp.nodeselection.v1.MsgRegisterOperator": "xmtp/ns/MsgRegisterOperator",
  "/xmtp.nodeselection.v1.MsgUpdateOperator": "xmtp/ns/MsgUpdateOperator",
  "/xmtp.nodeselection.v1.MsgAddStake": "xmtp/ns/MsgAddStake",
  "/xmtp.nodeselection.v1.MsgDeregisterOperator": "xmtp/ns/MsgDeregisterOperator",
  "/xmtp.nodeselection.v1.MsgSubmitAttestation": "xmtp/ns/MsgSubmitAttestation",
  "/xmtp.nodeselection.v1.MsgRecordViolation": "xmtp/ns/MsgRecordViolation",
  "/xmtp.nodeselection.v1.MsgExcuseViolation": "xmtp/ns/MsgExcuseViolation",
  "/xmtp.nodeselection.v1.MsgUnjail": "xmtp/ns/MsgUnjail",
  "/xmtp.nodeselection.v1.MsgUpdateParams": "xmtp/ns/MsgUpdateParams",
  "/xmtp.nodeselection.v1.MsgAcceptSigner": "xmtp/ns/MsgAcceptSigner",
  "/xmtp.nodeselection.v1.MsgVote": "xmtp/ns/MsgVote",
  "/xmtp.nodeselection.v1.MsgUnvote": "xmtp/ns/MsgUnvote",
  "/xmtp.rewards.v1.MsgFundRewardPool": "xmtp/x/rewards/MsgFundRewardPool",
  "/xmtp.rewards.v1.MsgUpdateParams": "xmtp/x/rewards/MsgUpdateParams",
  "/xmtp.treasury.v1.MsgSpend": "xmtp/x/treasury/MsgSpend",
  "/xmtp.treasury.v1.MsgBurnHoldings": "xmtp/x/treasury/MsgBurnHoldings",
  "/xmtp.treasury.v1.MsgFundBucket": "xmtp/x/treasury/MsgFundBucket",
  "/xmtp.treasury.v1.MsgUpdateParams": "xmtp/x/treasury/MsgUpdateParams",
  "/xmtp.treasury.v1.MsgBid": "xmtp/x/treasury/MsgBid",
};

// Stand-ins for the imported files the custom messages use: only the fields
// and options the encoders need.
const STUBS = [
  `syntax = "proto3"; package google.protobuf;
   message Duration { int64 seconds = 1; int32 nanos = 2; }
   message Timestamp { int64 seconds = 1; int32 nanos = 2; }
   message Any { string type_url = 1; bytes value = 2; }`,
  `syntax = "proto3"; package cosmos.base.v1beta1;
   message Coin { string denom = 1; string amount = 2 [(cosmos_proto.scalar) = "cosmos.Int"]; }`,
  `syntax = "proto3"; package cosmos.base.query.v1beta1;
   message PageRequest { bytes key = 1; } message PageResponse { bytes next_key = 1; }`,
];

function loadProtos(protoDir) {
  const root = new protobuf.Root();
  for (const s of STUBS) protobuf.parse(s, root, { keepCase: true });
  for (const m of ["nodeselection", "rewards", "treasury"]) {
    const dir = path.join(protoDir, "xmtp", m, "v1");
    for (const f of fs.readdirSync(dir).filter((f) => f.endsWith(".proto")).sort()) {
      protobuf.parse(fs.readFileSync(path.join(dir, f), "utf8"), root, { keepCase: true });
    }
  }
  root.resolveAll();
  return root;
}

// LegacyDec: the protobuf string is the integer of 10^18 units, amino JSON
// (LegacyDec.String) has exactly 18 decimals.
const DEC_PRECISION = 18;

function decToAtomics(s) {
  s = String(s);
  const neg = s.startsWith("-");
  if (neg) s = s.slice(1);
  const [i, f = ""] = s.split(".");
  if (!/^\d+$/.test(i) || !/^\d*$/.test(f) || f.length > DEC_PRECISION) throw new Error(`invalid decimal ${s}`);
  const a = (i + f.padEnd(DEC_PRECISION, "0")).replace(/^0+/, "") || "0";
  return neg && a !== "0" ? "-" + a : a;
}

function atomicsToDec(a) {
  a = String(a);
  const neg = a.startsWith("-");
  if (neg) a = a.slice(1);
  a = a.padStart(DEC_PRECISION + 1, "0");
  const cut = a.length - DEC_PRECISION;
  return (neg ? "-" : "") + a.slice(0, cut) + "." + a.slice(cut);
}

const INT64 = new Set(["int64", "uint64", "sint64", "fixed64", "sfixed64"]);
const INT32 = new Set(["int32", "uint32", "sint32", "fixed32", "sfixed32"]);

const scalarOf = (f) => (f.options || {})["(cosmos_proto.scalar)"];
const aminoFieldName = (f) => (f.options || {})["(amino.field_name)"] || f.name;
const dontOmitEmpty = (f) => (f.options || {})["(amino.dont_omitempty)"] === true;

function isDuration(t) { return t.fullName === ".google.protobuf.Duration"; }

// normalize turns a request value (Dec as decimals, enums by name or
// number) into the protobuf object the encoder takes (Dec as atomics).
function normalize(type, obj) {
  const out = {};
  for (const f of type.fieldsArray) {
    const v = obj[f.name];
    if (v === undefined || v === null) continue;
    const one = (x) => {
      if (f.resolvedType instanceof protobuf.Type && !isDuration(f.resolvedType)) return normalize(f.resolvedType, x);
      if (f.resolvedType instanceof protobuf.Enum) return typeof x === "string" ? f.resolvedType.values[x] : Number(x);
      if (f.type === "string" && scalarOf(f) === "cosmos.Dec") return x === "" ? "" : decToAtomics(x);
      return x;
    };
    out[f.name] = f.repeated ? v.map(one) : one(v);
  }
  for (const k of Object.keys(obj)) {
    if (!type.fields[k]) throw new Error(`${type.fullName} has no field ${k}`);
  }
  return out;
}

function isUnset(f, v) {
  if (f.repeated) return !v || v.length === 0;
  if (v === undefined || v === null) return true;
  if (f.resolvedType instanceof protobuf.Type) return false;
  if (f.resolvedType instanceof protobuf.Enum) return Number(v) === 0;
  if (f.type === "string") return v === "";
  if (f.type === "bool") return v === false;
  if (f.type === "bytes") return v.length === 0;
  return String(v) === "0";
}

function zeroAmino(f) {
  if (f.repeated) return [];
  if (f.resolvedType instanceof protobuf.Enum) return 0;
  if (f.resolvedType instanceof protobuf.Type) throw new Error(`${f.name}: dont_omitempty message field must be set`);
  if (f.type === "string") return scalarOf(f) === "cosmos.Int" || scalarOf(f) === "cosmos.Dec" ? "0" : "";
  if (f.type === "bool") return false;
  if (INT64.has(f.type)) return "0";
  return 0;
}

// toAmino encodes a protobuf object as the SDK's amino JSON (x/tx aminojson):
// proto field names, unset fields omitted unless dont_omitempty, 64-bit
// integers and durations (nanoseconds) as strings, enums as numbers.
function toAmino(type, obj) {
  if (isDuration(type)) return (BigInt(obj.seconds || 0) * 1000000000n + BigInt(obj.nanos || 0)).toString();
  const out = {};
  for (const f of type.fieldsArray) {
    const v = obj[f.name];
    if (isUnset(f, v)) {
      if (dontOmitEmpty(f)) out[aminoFieldName(f)] = zeroAmino(f);
      continue;
    }
    const one = (x) => {
      if (f.resolvedType instanceof protobuf.Type) return toAmino(f.resolvedType, x);
      if (f.resolvedType instanceof protobuf.Enum) return Number(x);
      if (f.type === "string" && scalarOf(f) === "cosmos.Dec") return atomicsToDec(x);
      if (INT64.has(f.type)) return String(x);
      if (INT32.has(f.type)) return Number(x);
      if (f.type === "bytes") return toBase64(x);
      return x;
    };
    out[aminoFieldName(f)] = f.repeated ? v.map(one) : one(v);
  }
  return out;
}

// fromAmino is the inverse of toAmino (CosmJS rebuilds the signed body from
// the amino messages).
function fromAmino(type, a) {
  if (isDuration(type)) {
    const n = BigInt(a);
    return { seconds: (n / 1000000000n).toString(), nanos: Number(n % 1000000000n) };
  }
  const out = {};
  for (const f of type.fieldsArray) {
    const v = a[aminoFieldName(f)];
    if (v === undefined || v === null) continue;
    const one = (x) => {
      if (f.resolvedType instanceof protobuf.Type) return fromAmino(f.resolvedType, x);
      if (f.resolvedType instanceof protobuf.Enum) return Number(x);
      if (f.type === "string" && scalarOf(f) === "cosmos.Dec") return x === "0" ? "0" : decToAtomics(x);
      if (f.type === "bytes") return fromBase64(x);
      return x;
    };
    out[f.name] = f.repeated ? v.map(one) : one(v);
  }
  return out;
}

// registryType adapts a protobufjs type to CosmJS's GeneratedType.
function registryType(type) {
  return {
    fromPartial: (o) => o,
    encode: (o) => type.encode(type.fromObject(o)),
    decode: (b) => type.toObject(type.decode(b), { longs: String, defaults: false }),
  };
}

let state = null;

async function init(req) {
  const root = loadProtos(req.proto_dir);
  const registry = new Registry(defaultRegistryTypes);
  const converters = createDefaultAminoConverters();
  const types = {};
  for (const [typeUrl, aminoName] of Object.entries(AMINO_NAMES)) {
    const type = root.lookupType(typeUrl.slice(1));
    types[typeUrl] = type;
    registry.register(typeUrl, registryType(type));
    converters[typeUrl] = {
      aminoType: aminoName,
      toAmino: (value) => toAmino(type, value),
      fromAmino: (value) => fromAmino(type, value),
    };
  }
  const aminoTypes = new AminoTypes(converters);
  const comet = await Comet38Client.connect(req.rpc);
  const clients = {};
  const addresses = {};
  for (const [name, hex] of Object.entries(req.keys)) {
    const key = fromHex(hex);
    const direct = await DirectSecp256k1Wallet.fromKey(key, req.prefix);
    const amino = await Secp256k1Wallet.fromKey(key, req.prefix);
    const [acc] = await direct.getAccounts();
    addresses[name] = acc.address;
    clients[name] = {
      address: acc.address,
      direct: await SigningStargateClient.createWithSigner(comet, direct, { registry, aminoTypes }),
      amino: await SigningStargateClient.createWithSigner(comet, amino, { registry, aminoTypes }),
    };
  }
  state = { root, types, clients, aminoTypes };
  return { addresses, type_urls: Object.keys(AMINO_NAMES) };
}

async function tx(req) {
  const c = state.clients[req.signer];
  if (!c) throw new Error(`unknown signer ${req.signer}`);
  const client = c[req.mode];
  if (!client) throw new Error(`unknown mode ${req.mode}`);
  const msgs = req.msgs.map((m) => {
    const type = state.types[m.type_url];
    if (!type) throw new Error(`no wallet type for ${m.type_url}`);
    return { typeUrl: m.type_url, value: normalize(type, m.value) };
  });
  const fee = { amount: [{ denom: "uxmtp", amount: "2000" }], gas: req.gas || "1000000" };
  const amino = msgs.map((m) => state.aminoTypes.toAmino(m));
  const res = await client.signAndBroadcast(c.address, msgs, fee, req.memo || "");
  return { code: res.code, txhash: res.transactionHash, height: res.height, raw_log: res.rawLog || "", events: res.events, amino };
}

function validate(req) {
  const Ajv = require("ajv");
  const addFormats = require("ajv-formats");
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats(ajv);
  const check = ajv.compile(JSON.parse(fs.readFileSync(req.schema, "utf8")));
  const ok = check(JSON.parse(fs.readFileSync(req.data, "utf8")));
  return { valid: ok, errors: ok ? [] : check.errors.map((e) => `${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`) };
}

async function handle(line) {
  const req = JSON.parse(line);
  switch (req.op) {
    case "init": return init(req);
    case "tx": return tx(req);
    case "validate": return validate(req);
    default: throw new Error(`unknown op ${req.op}`);
  }
}

async function main() {
  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) {
    if (!line.trim()) continue;
    let out;
    try {
      out = { ok: true, result: await handle(line) };
    } catch (e) {
      out = { ok: false, error: String(e && e.stack ? e.stack : e) };
    }
    process.stdout.write(JSON.stringify(out) + "\n");
  }
  process.exit(0);
}

main();
