;; One region's vertices, triangles and area-weighted normal sums, in WebAssembly: core/mesh/assemble.ts's
;; writeRegion, bit for bit (the same float64 arithmetic on the same float32 values, in the same order). Compiled by
;; scripts/build-wasm.mjs into write-region.ts (run `npm run build:wasm` after editing this file; a unit test checks
;; the two agree).
;;
;; Addresses are byte addresses in the shared memory (core/mesh/arrays.ts's WasmArena): the net's quads (6 uint32
;; each) and, where each quad stands for its four quarters ($pieces 4: core/mesh/quad-pieces.ts), their side middles
;; (4 uint32 each; quad t's own middle is vertex $faceBase + t), the region's quad sides (uint32), the net's world
;; positions (float32 xyz), the outputs (positions and normals float32 xyz, indices and sourceVertex uint32), this
;; thread's `local` (uint32 per net vertex: its latest copy + 1) and the results (float64, 5 per region: 6 x volume
;; first). A side stands for $pieces quads, whose triangles go to 6 indices each, in order. Returns the end of the
;; region's vertices.
;; Each vertex's normal sum is zeroed when the vertex is made: the normals' memory may hold anything before.
;; `finish` bit 1 finishes the region as assemble.ts's finishNormals does: each normal made unit length, and the
;; vertices' mean and the region's end into the results after the volume; bit 2 puts `local` back to zeros for the
;; region's vertices (a writer that writes every region from vertex 0).
(module
  (memory (import "env" "memory") 1 65536 shared)
  (func (export "run")
    (param $q i32) (param $sides i32) (param $world i32) (param $pos i32) (param $nrm i32) (param $idx i32)
    (param $src i32) (param $local i32) (param $results i32)
    (param $r i32) (param $sStart i32) (param $sEnd i32) (param $vBase i32) (param $flip i32) (param $finish i32)
    (param $middles i32) (param $faceBase i32) (param $pieces i32)
    (result i32)
    (local $next i32) (local $s i32) (local $side i32) (local $o i32) (local $at i32) (local $e i32) (local $l i32)
    (local $from i32) (local $to i32) (local $volume6 f64)
    (local $a i32) (local $b i32) (local $c i32) (local $d i32) (local $t i32) (local $k i32)
    (local $t0 i32) (local $t1 i32) (local $t2 i32) (local $u0 i32) (local $u1 i32) (local $u2 i32)
    (local $pa i32) (local $pb i32) (local $pc i32) (local $dx f64) (local $dy f64) (local $dz f64) (local $diag f64)
    (local $ax f64) (local $ay f64) (local $az f64) (local $ux f64) (local $uy f64) (local $uz f64)
    (local $vx f64) (local $vy f64) (local $vz f64) (local $nx f64) (local $ny f64) (local $nz f64) (local $face6 f64)
    (local $v i32) (local $len f64) (local $quad i32) (local $piece i32) (local $fs i32)
    (local $v0 i32) (local $v1 i32) (local $v2 i32) (local $v3 i32) (local $v4 i32) (local $v5 i32) (local $v6 i32)
    (local $v7 i32) (local $v8 i32)
    (local.set $next (local.get $vBase))
    (local.set $s (local.get $sStart))
    (block $done
      (loop $side
        (br_if $done (i32.ge_u (local.get $s) (local.get $sEnd)))
        (local.set $side (i32.load (i32.add (local.get $sides) (i32.shl (local.get $s) (i32.const 2)))))
        (local.set $quad (i32.shr_u (local.get $side) (i32.const 1)))
        (local.set $o (i32.add (local.get $q) (i32.mul (local.get $quad) (i32.const 24))))
        (if (i32.eq (local.get $pieces) (i32.const 4))
          (then
            ;; The quad's corners, its side middles and its middle: the vertices of its four quarters.
            (local.set $v0 (i32.load offset=0 (local.get $o)))
            (local.set $v1 (i32.load offset=4 (local.get $o)))
            (local.set $v2 (i32.load offset=8 (local.get $o)))
            (local.set $v3 (i32.load offset=12 (local.get $o)))
            (local.set $at (i32.add (local.get $middles) (i32.shl (local.get $quad) (i32.const 4))))
            (local.set $v4 (i32.load offset=0 (local.get $at)))
            (local.set $v5 (i32.load offset=4 (local.get $at)))
            (local.set $v6 (i32.load offset=8 (local.get $at)))
            (local.set $v7 (i32.load offset=12 (local.get $at)))
            (local.set $v8 (i32.add (local.get $faceBase) (local.get $quad)))))
        (local.set $piece (i32.const 0))
        (loop $quarter
        (local.set $fs (i32.add (i32.mul (local.get $s) (local.get $pieces)) (local.get $piece)))
        (if (i32.eq (local.get $pieces) (i32.const 4))
          (then
            ;; Quarter $piece's corners (quad-pieces.ts's QUARTER_CORNERS), put where its indices will go, which
            ;; they are read from until the indices are written: (a ab f da), (ab b bc f), (f bc c cd), (da f cd d).
            (local.set $o (i32.add (local.get $idx) (i32.mul (local.get $fs) (i32.const 24))))
            (block $placed
              (block $q3
                (block $q2
                  (block $q1
                    (block $q0 (br_table $q0 $q1 $q2 $q3 (local.get $piece)))
                    (i32.store offset=0 (local.get $o) (local.get $v0))
                    (i32.store offset=4 (local.get $o) (local.get $v4))
                    (i32.store offset=8 (local.get $o) (local.get $v8))
                    (i32.store offset=12 (local.get $o) (local.get $v7))
                    (br $placed))
                  (i32.store offset=0 (local.get $o) (local.get $v4))
                  (i32.store offset=4 (local.get $o) (local.get $v1))
                  (i32.store offset=8 (local.get $o) (local.get $v5))
                  (i32.store offset=12 (local.get $o) (local.get $v8))
                  (br $placed))
                (i32.store offset=0 (local.get $o) (local.get $v8))
                (i32.store offset=4 (local.get $o) (local.get $v5))
                (i32.store offset=8 (local.get $o) (local.get $v2))
                (i32.store offset=12 (local.get $o) (local.get $v6))
                (br $placed))
              (i32.store offset=0 (local.get $o) (local.get $v7))
              (i32.store offset=4 (local.get $o) (local.get $v8))
              (i32.store offset=8 (local.get $o) (local.get $v6))
              (i32.store offset=12 (local.get $o) (local.get $v3)))))
        ;; The piece's four corners: the region's copy of each net vertex, made now unless made earlier in this region
        ;; (local[id] - 1 at or past vBase).
        (local.set $e (i32.const 0))
        (loop $corner
          (local.set $t (i32.load (i32.add (local.get $o) (i32.shl (local.get $e) (i32.const 2)))))
          (local.set $at (i32.add (local.get $local) (i32.shl (local.get $t) (i32.const 2))))
          (local.set $l (i32.sub (i32.load (local.get $at)) (i32.const 1)))
          (if (i32.lt_s (local.get $l) (local.get $vBase))
            (then
              (local.set $l (local.get $next))
              (local.set $next (i32.add (local.get $next) (i32.const 1)))
              (i32.store (local.get $at) (local.get $next))
              (local.set $from (i32.add (local.get $world) (i32.mul (local.get $t) (i32.const 12))))
              (local.set $to (i32.add (local.get $pos) (i32.mul (local.get $l) (i32.const 12))))
              (i32.store offset=0 (local.get $to) (i32.load offset=0 (local.get $from)))
              (i32.store offset=4 (local.get $to) (i32.load offset=4 (local.get $from)))
              (i32.store offset=8 (local.get $to) (i32.load offset=8 (local.get $from)))
              ;; Its normal's sum starts at zero here, so the outputs need not be zeroed beforehand.
              (local.set $to (i32.add (local.get $nrm) (i32.mul (local.get $l) (i32.const 12))))
              (i64.store offset=0 (local.get $to) (i64.const 0))
              (i32.store offset=8 (local.get $to) (i32.const 0))
              (i32.store (i32.add (local.get $src) (i32.shl (local.get $l) (i32.const 2))) (local.get $t))))
          (if (i32.eqz (local.get $e)) (then (local.set $a (local.get $l))))
          (if (i32.eq (local.get $e) (i32.const 1)) (then (local.set $b (local.get $l))))
          (if (i32.eq (local.get $e) (i32.const 2)) (then (local.set $c (local.get $l))))
          (if (i32.eq (local.get $e) (i32.const 3)) (then (local.set $d (local.get $l))))
          (local.set $e (i32.add (local.get $e) (i32.const 1)))
          (br_if $corner (i32.lt_u (local.get $e) (i32.const 4))))
        ;; The high label's side, or a mirrored grid, faces the other way.
        (if (i32.xor (i32.and (local.get $side) (i32.const 1)) (local.get $flip))
          (then (local.set $t (local.get $b)) (local.set $b (local.get $d)) (local.set $d (local.get $t))))
        ;; Two triangles, split along the shorter diagonal: |a - c|^2 <= |b - d|^2.
        (local.set $pa (i32.add (local.get $pos) (i32.mul (local.get $a) (i32.const 12))))
        (local.set $pc (i32.add (local.get $pos) (i32.mul (local.get $c) (i32.const 12))))
        (local.set $dx (f64.sub (f64.promote_f32 (f32.load offset=0 (local.get $pa))) (f64.promote_f32 (f32.load offset=0 (local.get $pc)))))
        (local.set $dy (f64.sub (f64.promote_f32 (f32.load offset=4 (local.get $pa))) (f64.promote_f32 (f32.load offset=4 (local.get $pc)))))
        (local.set $dz (f64.sub (f64.promote_f32 (f32.load offset=8 (local.get $pa))) (f64.promote_f32 (f32.load offset=8 (local.get $pc)))))
        (local.set $diag (f64.add (f64.add (f64.mul (local.get $dx) (local.get $dx)) (f64.mul (local.get $dy) (local.get $dy)))
                                  (f64.mul (local.get $dz) (local.get $dz))))
        (local.set $pb (i32.add (local.get $pos) (i32.mul (local.get $b) (i32.const 12))))
        (local.set $pc (i32.add (local.get $pos) (i32.mul (local.get $d) (i32.const 12))))
        (local.set $dx (f64.sub (f64.promote_f32 (f32.load offset=0 (local.get $pb))) (f64.promote_f32 (f32.load offset=0 (local.get $pc)))))
        (local.set $dy (f64.sub (f64.promote_f32 (f32.load offset=4 (local.get $pb))) (f64.promote_f32 (f32.load offset=4 (local.get $pc)))))
        (local.set $dz (f64.sub (f64.promote_f32 (f32.load offset=8 (local.get $pb))) (f64.promote_f32 (f32.load offset=8 (local.get $pc)))))
        (if (f64.le (local.get $diag)
                    (f64.add (f64.add (f64.mul (local.get $dx) (local.get $dx)) (f64.mul (local.get $dy) (local.get $dy)))
                             (f64.mul (local.get $dz) (local.get $dz))))
          (then
            (local.set $t0 (local.get $a)) (local.set $t1 (local.get $b)) (local.set $t2 (local.get $c))
            (local.set $u0 (local.get $a)) (local.set $u1 (local.get $c)) (local.set $u2 (local.get $d)))
          (else
            (local.set $t0 (local.get $a)) (local.set $t1 (local.get $b)) (local.set $t2 (local.get $d))
            (local.set $u0 (local.get $b)) (local.set $u1 (local.get $c)) (local.set $u2 (local.get $d))))
        (local.set $at (i32.add (local.get $idx) (i32.mul (local.get $fs) (i32.const 24))))
        (i32.store offset=0 (local.get $at) (local.get $t0))
        (i32.store offset=4 (local.get $at) (local.get $t1))
        (i32.store offset=8 (local.get $at) (local.get $t2))
        (i32.store offset=12 (local.get $at) (local.get $u0))
        (i32.store offset=16 (local.get $at) (local.get $u1))
        (i32.store offset=20 (local.get $at) (local.get $u2))
        ;; Each triangle (k = 0: t, 1: u) adds its area-weighted normal to its corners and 6 x its signed volume
        ;; against the origin to the sum (the two triangles' volumes added together first).
        (local.set $face6 (f64.const 0))
        (local.set $k (i32.const 0))
        (loop $triangle
          (local.set $pa (i32.add (local.get $pos) (i32.mul (select (local.get $t0) (local.get $u0) (i32.eqz (local.get $k))) (i32.const 12))))
          (local.set $pb (i32.add (local.get $pos) (i32.mul (select (local.get $t1) (local.get $u1) (i32.eqz (local.get $k))) (i32.const 12))))
          (local.set $pc (i32.add (local.get $pos) (i32.mul (select (local.get $t2) (local.get $u2) (i32.eqz (local.get $k))) (i32.const 12))))
          (local.set $ax (f64.promote_f32 (f32.load offset=0 (local.get $pa))))
          (local.set $ay (f64.promote_f32 (f32.load offset=4 (local.get $pa))))
          (local.set $az (f64.promote_f32 (f32.load offset=8 (local.get $pa))))
          (local.set $ux (f64.sub (f64.promote_f32 (f32.load offset=0 (local.get $pb))) (local.get $ax)))
          (local.set $uy (f64.sub (f64.promote_f32 (f32.load offset=4 (local.get $pb))) (local.get $ay)))
          (local.set $uz (f64.sub (f64.promote_f32 (f32.load offset=8 (local.get $pb))) (local.get $az)))
          (local.set $vx (f64.sub (f64.promote_f32 (f32.load offset=0 (local.get $pc))) (local.get $ax)))
          (local.set $vy (f64.sub (f64.promote_f32 (f32.load offset=4 (local.get $pc))) (local.get $ay)))
          (local.set $vz (f64.sub (f64.promote_f32 (f32.load offset=8 (local.get $pc))) (local.get $az)))
          (local.set $nx (f64.sub (f64.mul (local.get $uy) (local.get $vz)) (f64.mul (local.get $uz) (local.get $vy))))
          (local.set $ny (f64.sub (f64.mul (local.get $uz) (local.get $vx)) (f64.mul (local.get $ux) (local.get $vz))))
          (local.set $nz (f64.sub (f64.mul (local.get $ux) (local.get $vy)) (f64.mul (local.get $uy) (local.get $vx))))
          ;; normals[corner] += n, each sum rounded to float32, corners in order.
          (local.set $pa (i32.sub (i32.add (local.get $nrm) (local.get $pa)) (local.get $pos)))
          (local.set $pb (i32.sub (i32.add (local.get $nrm) (local.get $pb)) (local.get $pos)))
          (local.set $pc (i32.sub (i32.add (local.get $nrm) (local.get $pc)) (local.get $pos)))
          (f32.store offset=0 (local.get $pa) (f32.demote_f64 (f64.add (f64.promote_f32 (f32.load offset=0 (local.get $pa))) (local.get $nx))))
          (f32.store offset=4 (local.get $pa) (f32.demote_f64 (f64.add (f64.promote_f32 (f32.load offset=4 (local.get $pa))) (local.get $ny))))
          (f32.store offset=8 (local.get $pa) (f32.demote_f64 (f64.add (f64.promote_f32 (f32.load offset=8 (local.get $pa))) (local.get $nz))))
          (f32.store offset=0 (local.get $pb) (f32.demote_f64 (f64.add (f64.promote_f32 (f32.load offset=0 (local.get $pb))) (local.get $nx))))
          (f32.store offset=4 (local.get $pb) (f32.demote_f64 (f64.add (f64.promote_f32 (f32.load offset=4 (local.get $pb))) (local.get $ny))))
          (f32.store offset=8 (local.get $pb) (f32.demote_f64 (f64.add (f64.promote_f32 (f32.load offset=8 (local.get $pb))) (local.get $nz))))
          (f32.store offset=0 (local.get $pc) (f32.demote_f64 (f64.add (f64.promote_f32 (f32.load offset=0 (local.get $pc))) (local.get $nx))))
          (f32.store offset=4 (local.get $pc) (f32.demote_f64 (f64.add (f64.promote_f32 (f32.load offset=4 (local.get $pc))) (local.get $ny))))
          (f32.store offset=8 (local.get $pc) (f32.demote_f64 (f64.add (f64.promote_f32 (f32.load offset=8 (local.get $pc))) (local.get $nz))))
          (local.set $dx (f64.add (f64.add (f64.mul (local.get $ax) (local.get $nx)) (f64.mul (local.get $ay) (local.get $ny)))
                                  (f64.mul (local.get $az) (local.get $nz))))
          (local.set $face6 (select (local.get $dx) (f64.add (local.get $face6) (local.get $dx)) (i32.eqz (local.get $k))))
          (local.set $k (i32.add (local.get $k) (i32.const 1)))
          (br_if $triangle (i32.lt_u (local.get $k) (i32.const 2))))
        (local.set $volume6 (f64.add (local.get $volume6) (local.get $face6)))
        (local.set $piece (i32.add (local.get $piece) (i32.const 1)))
        (br_if $quarter (i32.lt_u (local.get $piece) (local.get $pieces))))
        (local.set $s (i32.add (local.get $s) (i32.const 1)))
        (br $side)))
    (local.set $at (i32.add (local.get $results) (i32.mul (local.get $r) (i32.const 40))))
    (f64.store (local.get $at) (local.get $volume6))
    (if (i32.and (local.get $finish) (i32.const 1))
      (then
        ;; Unit normals (1 / (|n| || 1), as JavaScript's), and the sums of the positions, vertex by vertex.
        (local.set $ax (f64.const 0)) (local.set $ay (f64.const 0)) (local.set $az (f64.const 0))
        (local.set $v (local.get $vBase))
        (block $normalized
          (loop $vertex
            (br_if $normalized (i32.ge_u (local.get $v) (local.get $next)))
            (local.set $pa (i32.add (local.get $nrm) (i32.mul (local.get $v) (i32.const 12))))
            (local.set $nx (f64.promote_f32 (f32.load offset=0 (local.get $pa))))
            (local.set $ny (f64.promote_f32 (f32.load offset=4 (local.get $pa))))
            (local.set $nz (f64.promote_f32 (f32.load offset=8 (local.get $pa))))
            (local.set $len (f64.sqrt (f64.add (f64.add (f64.mul (local.get $nx) (local.get $nx)) (f64.mul (local.get $ny) (local.get $ny)))
                                               (f64.mul (local.get $nz) (local.get $nz)))))
            (local.set $len (f64.div (f64.const 1)
              (select (f64.const 1) (local.get $len)
                (i32.or (f64.eq (local.get $len) (f64.const 0)) (f64.ne (local.get $len) (local.get $len))))))
            (f32.store offset=0 (local.get $pa) (f32.demote_f64 (f64.mul (local.get $nx) (local.get $len))))
            (f32.store offset=4 (local.get $pa) (f32.demote_f64 (f64.mul (local.get $ny) (local.get $len))))
            (f32.store offset=8 (local.get $pa) (f32.demote_f64 (f64.mul (local.get $nz) (local.get $len))))
            (local.set $pb (i32.add (local.get $pos) (i32.mul (local.get $v) (i32.const 12))))
            (local.set $ax (f64.add (local.get $ax) (f64.promote_f32 (f32.load offset=0 (local.get $pb)))))
            (local.set $ay (f64.add (local.get $ay) (f64.promote_f32 (f32.load offset=4 (local.get $pb)))))
            (local.set $az (f64.add (local.get $az) (f64.promote_f32 (f32.load offset=8 (local.get $pb)))))
            (local.set $v (i32.add (local.get $v) (i32.const 1)))
            (br $vertex)))
        (local.set $len (f64.convert_i32_u (i32.sub (local.get $next) (local.get $vBase))))
        (f64.store offset=8 (local.get $at) (f64.div (local.get $ax) (local.get $len)))
        (f64.store offset=16 (local.get $at) (f64.div (local.get $ay) (local.get $len)))
        (f64.store offset=24 (local.get $at) (f64.div (local.get $az) (local.get $len)))
        (f64.store offset=32 (local.get $at) (f64.convert_i32_u (local.get $next)))))
    (if (i32.and (local.get $finish) (i32.const 2))
      (then
        (local.set $v (local.get $vBase))
        (block $cleared
          (loop $clear
            (br_if $cleared (i32.ge_u (local.get $v) (local.get $next)))
            (i32.store (i32.add (local.get $local)
                                (i32.shl (i32.load (i32.add (local.get $src) (i32.shl (local.get $v) (i32.const 2)))) (i32.const 2)))
                       (i32.const 0))
            (local.set $v (i32.add (local.get $v) (i32.const 1)))
            (br $clear)))))
    (local.get $next))
)
