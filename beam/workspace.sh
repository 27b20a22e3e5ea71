#!/bin/sh
# workspace.sh prepares and prints the path of a go.work file under which
# the beam module builds with Prism's in-process job server bound to
# 127.0.0.1. Beam's runners/prism/internal/jobservices.NewServer (v2.78.0)
# listens on ":<port>", every network interface, with no option to change
# it, and the go command refuses overlays of the module cache; so this
# script copies the Go SDK's module out of the cache once (about 12 MB),
# changes that one listen address, adds the constant
# prism.ListensOnLoopback that package beam requires (a build without this
# script fails to compile instead of exposing the job server), and writes
# a go.work that replaces the module with the copy. Use it as
#
#   GOWORK="$(./workspace.sh)" go build ./cmd/descent-beam
#   GOWORK="$(./workspace.sh)" go test ./...
set -eu
cd "$(dirname "$0")"
here=$(pwd)
mod=github.com/apache/beam/sdks/v2
ver=$(GOWORK=off go list -m -f '{{.Version}}' $mod)
# go list -m gives no Dir for a module not yet in the module cache (a
# fresh machine): download it first.
GOWORK=off go mod download "$mod@$ver"
src=$(GOWORK=off go list -m -f '{{.Dir}}' $mod)
if [ -z "$src" ] || [ ! -d "$src" ]; then
	echo "workspace.sh: $mod $ver is not in the module cache after go mod download" >&2
	exit 1
fi
out="$here/.work"
sdk="$out/beam-sdk-$ver"
if [ ! -f "$sdk/.descent-patched" ]; then
	rm -rf "$sdk"
	mkdir -p "$sdk"
	cp "$src/go.mod" "$src/go.sum" "$src/LICENSE" "$sdk/"
	cp -R "$src/go" "$sdk/go"
	chmod -R u+w "$sdk"
	f="$sdk/go/pkg/beam/runners/prism/internal/jobservices/server.go"
	sed 's/net.Listen("tcp", fmt.Sprintf(":%d", port))/net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))/' "$f" > "$f.new"
	if ! grep -q 'fmt.Sprintf("127.0.0.1:%d", port)' "$f.new"; then
		echo "workspace.sh: the listen line of $f changed in Beam $ver; update the pattern" >&2
		exit 1
	fi
	mv "$f.new" "$f"
	cat > "$sdk/go/pkg/beam/runners/prism/loopback_descent.go" <<'GO'
package prism

// ListensOnLoopback is added by descent's beam/workspace.sh, which binds
// the in-process job server to 127.0.0.1.
const ListensOnLoopback = true
GO
	touch "$sdk/.descent-patched"
fi
cat > "$out/go.work" <<WORK
go 1.26.0

use $here

replace $mod $ver => $sdk
WORK
echo "$out/go.work"
