;; A subdivision's coarse vertices [from, to), moved by Catmull-Clark's rules, in WebAssembly: core/mesh/subdivide.ts's
;; placeCoarseVerticesJs, bit for bit (the same float64 arithmetic on the same float32 values, in the same order).
;; Compiled by scripts/build-wasm.mjs into place-vertices.ts (run `npm run build:wasm` after editing this file; a unit
;; test checks the two agree).
;;
;; Addresses are byte addresses in the shared memory (core/mesh/arrays.ts's WasmArena): the coarse (smoothed)
;; positions and the subdivided net's positions (float32 xyz; its edge and quad middles placed already), its links
;; (6 int32 a vertex: a coarse vertex's are its edges' middles, an edge middle's its two ends then its quads' middles,
;; -1 for none) and the edges' crease flags (uint8). $n: the coarse vertices (the edge middles' ids follow).
(module
  (memory (import "env" "memory") 1 65536 shared)
  (func (export "run")
    (param $coarse i32) (param $P i32) (param $L i32) (param $crease i32) (param $n i32) (param $from i32) (param $to i32)
    (local $v i32) (local $s i32) (local $end i32) (local $m i32) (local $at i32) (local $w i32) (local $f1 i32)
    (local $f2 i32) (local $a i32) (local $b i32) (local $o i32) (local $valence i32) (local $creases i32)
    (local $x f64) (local $y f64) (local $z f64) (local $rx f64) (local $ry f64) (local $rz f64)
    (local $fx f64) (local $fy f64) (local $fz f64) (local $nv f64) (local $twice f64)
    (local.set $v (local.get $from))
    (block $done
      (loop $vertex
        (br_if $done (i32.ge_u (local.get $v) (local.get $to)))
        (local.set $o (i32.mul (local.get $v) (i32.const 12)))
        (local.set $at (i32.add (local.get $coarse) (local.get $o)))
        (local.set $x (f64.promote_f32 (f32.load offset=0 (local.get $at))))
        (local.set $y (f64.promote_f32 (f32.load offset=4 (local.get $at))))
        (local.set $z (f64.promote_f32 (f32.load offset=8 (local.get $at))))
        (local.set $valence (i32.const 0))
        (local.set $creases (i32.const 0))
        (local.set $rx (f64.const 0)) (local.set $ry (f64.const 0)) (local.set $rz (f64.const 0))
        (local.set $fx (f64.const 0)) (local.set $fy (f64.const 0)) (local.set $fz (f64.const 0))
        ;; Sums of the far ends of v's edges, and of the middles of its edges' quads.
        (local.set $s (i32.add (local.get $L) (i32.mul (local.get $v) (i32.const 24))))
        (local.set $end (i32.add (local.get $s) (i32.const 24)))
        (block $edges
          (loop $edge
            (br_if $edges (i32.ge_u (local.get $s) (local.get $end)))
            (local.set $m (i32.load (local.get $s)))
            (local.set $s (i32.add (local.get $s) (i32.const 4)))
            (br_if $edge (i32.lt_s (local.get $m) (i32.const 0)))
            (local.set $valence (i32.add (local.get $valence) (i32.const 1)))
            (local.set $at (i32.add (local.get $L) (i32.mul (local.get $m) (i32.const 24))))
            (local.set $w (i32.load offset=0 (local.get $at)))
            (local.set $w (select (i32.load offset=4 (local.get $at)) (local.get $w) (i32.eq (local.get $w) (local.get $v))))
            (local.set $w (i32.add (local.get $coarse) (i32.mul (local.get $w) (i32.const 12))))
            (local.set $rx (f64.add (local.get $rx) (f64.promote_f32 (f32.load offset=0 (local.get $w)))))
            (local.set $ry (f64.add (local.get $ry) (f64.promote_f32 (f32.load offset=4 (local.get $w)))))
            (local.set $rz (f64.add (local.get $rz) (f64.promote_f32 (f32.load offset=8 (local.get $w)))))
            (if (i32.load8_u (i32.add (local.get $crease) (i32.sub (local.get $m) (local.get $n))))
              (then
                ;; The far ends of the first two creases at v.
                (if (i32.eqz (local.get $creases)) (then (local.set $a (local.get $w))))
                (if (i32.eq (local.get $creases) (i32.const 1)) (then (local.set $b (local.get $w))))
                (local.set $creases (i32.add (local.get $creases) (i32.const 1)))
                (br $edge)))
            (local.set $f1 (i32.add (local.get $P) (i32.mul (i32.load offset=8 (local.get $at)) (i32.const 12))))
            (local.set $f2 (i32.add (local.get $P) (i32.mul (i32.load offset=12 (local.get $at)) (i32.const 12))))
            (local.set $fx (f64.add (local.get $fx)
              (f64.add (f64.promote_f32 (f32.load offset=0 (local.get $f1))) (f64.promote_f32 (f32.load offset=0 (local.get $f2))))))
            (local.set $fy (f64.add (local.get $fy)
              (f64.add (f64.promote_f32 (f32.load offset=4 (local.get $f1))) (f64.promote_f32 (f32.load offset=4 (local.get $f2))))))
            (local.set $fz (f64.add (local.get $fz)
              (f64.add (f64.promote_f32 (f32.load offset=8 (local.get $f1))) (f64.promote_f32 (f32.load offset=8 (local.get $f2))))))
            (br $edge)))
        (local.set $at (i32.add (local.get $P) (local.get $o)))
        (if (i32.eq (local.get $creases) (i32.const 2))
          (then
            ;; Along its crease: (a + 6 V + b) / 8.
            (f32.store offset=0 (local.get $at) (f32.demote_f64 (f64.div (f64.add (f64.add
              (f64.promote_f32 (f32.load offset=0 (local.get $a))) (f64.mul (f64.const 6) (local.get $x)))
              (f64.promote_f32 (f32.load offset=0 (local.get $b)))) (f64.const 8))))
            (f32.store offset=4 (local.get $at) (f32.demote_f64 (f64.div (f64.add (f64.add
              (f64.promote_f32 (f32.load offset=4 (local.get $a))) (f64.mul (f64.const 6) (local.get $y)))
              (f64.promote_f32 (f32.load offset=4 (local.get $b)))) (f64.const 8))))
            (f32.store offset=8 (local.get $at) (f32.demote_f64 (f64.div (f64.add (f64.add
              (f64.promote_f32 (f32.load offset=8 (local.get $a))) (f64.mul (f64.const 6) (local.get $z)))
              (f64.promote_f32 (f32.load offset=8 (local.get $b)))) (f64.const 8)))))
          (else
            (if (i32.and (i32.eqz (local.get $creases)) (i32.ge_u (local.get $valence) (i32.const 3)))
              (then
                ;; (F + 2R + (n - 3) V) / n: F = fx / 2n, 2R = V + rx / n.
                (local.set $nv (f64.convert_i32_u (local.get $valence)))
                (local.set $twice (f64.mul (f64.const 2) (local.get $nv)))
                (f32.store offset=0 (local.get $at) (f32.demote_f64 (f64.div (f64.add (f64.add (f64.add
                  (f64.div (local.get $fx) (local.get $twice)) (local.get $x)) (f64.div (local.get $rx) (local.get $nv)))
                  (f64.mul (f64.sub (local.get $nv) (f64.const 3)) (local.get $x))) (local.get $nv))))
                (f32.store offset=4 (local.get $at) (f32.demote_f64 (f64.div (f64.add (f64.add (f64.add
                  (f64.div (local.get $fy) (local.get $twice)) (local.get $y)) (f64.div (local.get $ry) (local.get $nv)))
                  (f64.mul (f64.sub (local.get $nv) (f64.const 3)) (local.get $y))) (local.get $nv))))
                (f32.store offset=8 (local.get $at) (f32.demote_f64 (f64.div (f64.add (f64.add (f64.add
                  (f64.div (local.get $fz) (local.get $twice)) (local.get $z)) (f64.div (local.get $rz) (local.get $nv)))
                  (f64.mul (f64.sub (local.get $nv) (f64.const 3)) (local.get $z))) (local.get $nv)))))
              (else
                ;; Where curves meet or end, or too few edges: it stays.
                (f32.store offset=0 (local.get $at) (f32.demote_f64 (local.get $x)))
                (f32.store offset=4 (local.get $at) (f32.demote_f64 (local.get $y)))
                (f32.store offset=8 (local.get $at) (f32.demote_f64 (local.get $z)))))))
        (local.set $v (i32.add (local.get $v) (i32.const 1)))
        (br $vertex))))
)
