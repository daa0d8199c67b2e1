#!/usr/bin/env bash
# Regenerates the committed *.pb.go and *.pb.gw.go files from proto/, offline.
# The compiler (buf) and the plugins are pinned Go tools in tools/go.mod; the
# third-party .proto imports come from the Go module cache, never a registry.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

bin="$root/build/tools"
mkdir -p "$bin"
(cd tools && go build -o "$bin/" github.com/bufbuild/buf/cmd/buf \
  github.com/cosmos/gogoproto/protoc-gen-gocosmos \
  github.com/grpc-ecosystem/grpc-gateway/protoc-gen-grpc-gateway)
export PATH="$bin:$PATH"

moddir() { go list -m -f '{{.Dir}}' "$1"; }
sdk=$(moddir github.com/cosmos/cosmos-sdk)
gogo=$(moddir github.com/cosmos/gogoproto)
cproto=$(moddir github.com/cosmos/cosmos-proto)
gw=$(cd tools && go list -m -f '{{.Dir}}' github.com/grpc-ecosystem/grpc-gateway)

deps="$work/deps"
copy() { mkdir -p "$deps/$(dirname "$2")"; cp "$1/$2" "$deps/$2"; }
copy "$gogo" gogoproto/gogo.proto
copy "$cproto/proto" cosmos_proto/cosmos.proto
copy "$gw/third_party/googleapis" google/api/annotations.proto
copy "$gw/third_party/googleapis" google/api/http.proto
for f in amino/amino.proto cosmos/msg/v1/msg.proto cosmos/base/v1beta1/coin.proto \
  cosmos/base/query/v1beta1/pagination.proto; do
  copy "$sdk/proto" "$f"
done
chmod -R u+w "$deps"

ln -s "$root/proto" "$work/proto"
cat > "$work/buf.yaml" <<'YAML'
version: v2
modules:
  - path: proto
  - path: deps
YAML
cat > "$work/buf.gen.yaml" <<'YAML'
version: v2
plugins:
  - local: protoc-gen-gocosmos
    out: out
    opt: plugins=grpc,Mgoogle/protobuf/any.proto=github.com/cosmos/gogoproto/types/any
  - local: protoc-gen-grpc-gateway
    out: out
    opt: logtostderr=true,allow_colon_final_segments=true
YAML
# Arguments name modules to regenerate (default: all under proto/xmtp).
paths=()
for m in "$@"; do paths+=(--path "proto/xmtp/$m"); done
[ ${#paths[@]} -gt 0 ] || paths=(--path proto/xmtp)
(cd "$work" && buf generate --template buf.gen.yaml "${paths[@]}")
cp -r "$work/out/github.com/xmtp/xmtpd-chain/." "$root/"
echo "generated: $(cd "$work/out" && find . -name '*.go' | wc -l) files"
