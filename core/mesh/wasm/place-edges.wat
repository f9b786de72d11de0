;; A subdivision's edge middles [from, to) placed, and which edges are creases, in WebAssembly:
;; core/mesh/subdivide.ts's placeEdgeMiddlesJs for a smoothed net, bit for bit (the same float64 arithmetic on the
;; same float32 values, in the same order). Compiled by scripts/build-wasm.mjs into place-edges.ts (run `npm run
;; build:wasm` after editing this file; a unit test checks the two agree).
;;
;; Addresses are byte addresses in the shared memory (core/mesh/arrays.ts's WasmArena): the coarse (smoothed)
;; positions and the subdivided net's positions (float32 xyz; its quad middles placed already), its links (6 int32 a
;; vertex: an edge middle's are its two ends, then its quads' middles, -1 for none) and the edges' crease flags
;; (uint8). Edge e's middle is vertex $n + e. An edge with two quads is smooth: its middle is the mean of its ends and
;; its quads' middles; any other is a crease: the mean of its ends.
(module
  (memory (import "env" "memory") 1 65536 shared)
  (func (export "run")
    (param $coarse i32) (param $P i32) (param $L i32) (param $crease i32) (param $n i32) (param $from i32) (param $to i32)
    (local $e i32) (local $at i32) (local $a i32) (local $b i32) (local $f1 i32) (local $f2 i32) (local $out i32)
    (local.set $e (local.get $from))
    (block $done
      (loop $edge
        (br_if $done (i32.ge_u (local.get $e) (local.get $to)))
        (local.set $at (i32.add (local.get $L) (i32.mul (i32.add (local.get $n) (local.get $e)) (i32.const 24))))
        (local.set $a (i32.add (local.get $coarse) (i32.mul (i32.load offset=0 (local.get $at)) (i32.const 12))))
        (local.set $b (i32.add (local.get $coarse) (i32.mul (i32.load offset=4 (local.get $at)) (i32.const 12))))
        (local.set $f1 (i32.load offset=8 (local.get $at)))
        (local.set $f2 (i32.load offset=12 (local.get $at)))
        (local.set $out (i32.add (local.get $P) (i32.mul (i32.add (local.get $n) (local.get $e)) (i32.const 12))))
        (if (i32.and (i32.ge_s (local.get $f2) (i32.const 0)) (i32.lt_s (i32.load offset=16 (local.get $at)) (i32.const 0)))
          (then
            (i32.store8 (i32.add (local.get $crease) (local.get $e)) (i32.const 0))
            (local.set $f1 (i32.add (local.get $P) (i32.mul (local.get $f1) (i32.const 12))))
            (local.set $f2 (i32.add (local.get $P) (i32.mul (local.get $f2) (i32.const 12))))
            (f32.store offset=0 (local.get $out) (f32.demote_f64 (f64.div (f64.add (f64.add (f64.add
              (f64.promote_f32 (f32.load offset=0 (local.get $a))) (f64.promote_f32 (f32.load offset=0 (local.get $b))))
              (f64.promote_f32 (f32.load offset=0 (local.get $f1)))) (f64.promote_f32 (f32.load offset=0 (local.get $f2))))
              (f64.const 4))))
            (f32.store offset=4 (local.get $out) (f32.demote_f64 (f64.div (f64.add (f64.add (f64.add
              (f64.promote_f32 (f32.load offset=4 (local.get $a))) (f64.promote_f32 (f32.load offset=4 (local.get $b))))
              (f64.promote_f32 (f32.load offset=4 (local.get $f1)))) (f64.promote_f32 (f32.load offset=4 (local.get $f2))))
              (f64.const 4))))
            (f32.store offset=8 (local.get $out) (f32.demote_f64 (f64.div (f64.add (f64.add (f64.add
              (f64.promote_f32 (f32.load offset=8 (local.get $a))) (f64.promote_f32 (f32.load offset=8 (local.get $b))))
              (f64.promote_f32 (f32.load offset=8 (local.get $f1)))) (f64.promote_f32 (f32.load offset=8 (local.get $f2))))
              (f64.const 4)))))
          (else
            (i32.store8 (i32.add (local.get $crease) (local.get $e)) (i32.const 1))
            (f32.store offset=0 (local.get $out) (f32.demote_f64 (f64.div (f64.add
              (f64.promote_f32 (f32.load offset=0 (local.get $a))) (f64.promote_f32 (f32.load offset=0 (local.get $b))))
              (f64.const 2))))
            (f32.store offset=4 (local.get $out) (f32.demote_f64 (f64.div (f64.add
              (f64.promote_f32 (f32.load offset=4 (local.get $a))) (f64.promote_f32 (f32.load offset=4 (local.get $b))))
              (f64.const 2))))
            (f32.store offset=8 (local.get $out) (f32.demote_f64 (f64.div (f64.add
              (f64.promote_f32 (f32.load offset=8 (local.get $a))) (f64.promote_f32 (f32.load offset=8 (local.get $b))))
              (f64.const 2))))))
        (local.set $e (i32.add (local.get $e) (i32.const 1)))
        (br $edge))))
)
