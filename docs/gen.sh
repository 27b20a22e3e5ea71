#!/usr/bin/env bash
# Regenerates the pictures in the README: bash docs/gen.sh
set -euo pipefail
cd "$(dirname "$0")/.."
go build -o /tmp/descent-docs ./cmd/descent
d=/tmp/descent-docs
$d compare --expr "x^2 + 10*y^2" --start 3,1 --opt gd --lr 0.001,0.05,0.099,0.11 --max-iters 200 \
  --plot docs/img/loss.png --contour docs/img/paths.png --gif docs/img/race.gif
$d lrfind --expr "x^2 + 10*y^2" --start 3,1 --plot docs/img/lrfind.png
$d compare --func rosenbrock --opt gd:lr=0.001 --opt sgd:lr=0.001,momentum=0.9 --opt adam:lr=0.05 --opt lbfgs \
  --max-iters 3000 --plot docs/img/rosenbrock-loss.png --contour docs/img/rosenbrock-paths.png
