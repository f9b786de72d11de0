;; The small regions' enclosed volumes over a range of pieces, in WebAssembly: core/mesh/small-regions.ts's
;; smallVolumesJs, bit for bit (the same float64 arithmetic on the same float32 values, in the same order). Compiled
;; by scripts/build-wasm.mjs into small-volumes.ts (run `npm run build:wasm` after editing this file; a unit test
;; checks the two agree).
;;
;; Addresses are byte addresses in the shared memory (core/mesh/arrays.ts's WasmArena): the net's positions (float32
;; xyz), its quads (6 uint32 each: four corners, low and high label) and, where each quad stands for its four quarters
;; ($pieces 4: core/mesh/quad-pieces.ts), their side middles (4 uint32 each; quad t's own middle is vertex
;; $faceBase + t), each label's place among the small regions + 1 (int32; 0 for the others) and the row of sums
;; (float64 per place; place 0 takes what other regions would get). Pieces [$from, $end) are summed: piece i is piece
;; i - t x $pieces of quad t. A piece adds 6 x the volume its two triangles enclose against the origin to its quad's
;; low label and takes it from its high one.
(module
  (memory (import "env" "memory") 1 65536 shared)
  ;; 6 x the volume piece a b c d's two triangles enclose against the origin, split along its shorter diagonal
  ;; (quad-triangles.ts's quadNormal): p . N, N = (c - a) x (d - b), p = a when |a - c|^2 <= |b - d|^2, else b.
  (func $volume6 (param $pos i32) (param $a i32) (param $b i32) (param $c i32) (param $d i32) (result f64)
    (local $pa i32) (local $pb i32) (local $pc i32) (local $pd i32)
    (local $ax f64) (local $ay f64) (local $az f64) (local $bx f64) (local $by f64) (local $bz f64)
    (local $ux f64) (local $uy f64) (local $uz f64) (local $vx f64) (local $vy f64) (local $vz f64)
    (local $nx f64) (local $ny f64) (local $nz f64)
    (local.set $pa (i32.add (local.get $pos) (i32.mul (local.get $a) (i32.const 12))))
    (local.set $pb (i32.add (local.get $pos) (i32.mul (local.get $b) (i32.const 12))))
    (local.set $pc (i32.add (local.get $pos) (i32.mul (local.get $c) (i32.const 12))))
    (local.set $pd (i32.add (local.get $pos) (i32.mul (local.get $d) (i32.const 12))))
    (local.set $ax (f64.promote_f32 (f32.load offset=0 (local.get $pa))))
    (local.set $ay (f64.promote_f32 (f32.load offset=4 (local.get $pa))))
    (local.set $az (f64.promote_f32 (f32.load offset=8 (local.get $pa))))
    (local.set $bx (f64.promote_f32 (f32.load offset=0 (local.get $pb))))
    (local.set $by (f64.promote_f32 (f32.load offset=4 (local.get $pb))))
    (local.set $bz (f64.promote_f32 (f32.load offset=8 (local.get $pb))))
    (local.set $ux (f64.sub (f64.promote_f32 (f32.load offset=0 (local.get $pc))) (local.get $ax)))
    (local.set $uy (f64.sub (f64.promote_f32 (f32.load offset=4 (local.get $pc))) (local.get $ay)))
    (local.set $uz (f64.sub (f64.promote_f32 (f32.load offset=8 (local.get $pc))) (local.get $az)))
    (local.set $vx (f64.sub (f64.promote_f32 (f32.load offset=0 (local.get $pd))) (local.get $bx)))
    (local.set $vy (f64.sub (f64.promote_f32 (f32.load offset=4 (local.get $pd))) (local.get $by)))
    (local.set $vz (f64.sub (f64.promote_f32 (f32.load offset=8 (local.get $pd))) (local.get $bz)))
    (local.set $nx (f64.sub (f64.mul (local.get $uy) (local.get $vz)) (f64.mul (local.get $uz) (local.get $vy))))
    (local.set $ny (f64.sub (f64.mul (local.get $uz) (local.get $vx)) (f64.mul (local.get $ux) (local.get $vz))))
    (local.set $nz (f64.sub (f64.mul (local.get $ux) (local.get $vy)) (f64.mul (local.get $uy) (local.get $vx))))
    (select
      (f64.add (f64.add (f64.mul (local.get $ax) (local.get $nx)) (f64.mul (local.get $ay) (local.get $ny)))
               (f64.mul (local.get $az) (local.get $nz)))
      (f64.add (f64.add (f64.mul (local.get $bx) (local.get $nx)) (f64.mul (local.get $by) (local.get $ny)))
               (f64.mul (local.get $bz) (local.get $nz)))
      (f64.le
        (f64.add (f64.add (f64.mul (local.get $ux) (local.get $ux)) (f64.mul (local.get $uy) (local.get $uy)))
                 (f64.mul (local.get $uz) (local.get $uz)))
        (f64.add (f64.add (f64.mul (local.get $vx) (local.get $vx)) (f64.mul (local.get $vy) (local.get $vy)))
                 (f64.mul (local.get $vz) (local.get $vz))))))
  (func (export "run")
    (param $pos i32) (param $quads i32) (param $middles i32) (param $faceBase i32) (param $pieces i32)
    (param $place i32) (param $row i32) (param $from i32) (param $end i32)
    (local $i i32) (local $t i32) (local $stop i32) (local $o i32) (local $at i32) (local $low i32) (local $high i32)
    (local $v f64)
    (local $v0 i32) (local $v1 i32) (local $v2 i32) (local $v3 i32) (local $v4 i32) (local $v5 i32) (local $v6 i32)
    (local $v7 i32) (local $v8 i32)
    (local.set $i (local.get $from))
    (block $done
      (loop $quad
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $t (select (i32.shr_u (local.get $i) (i32.const 2)) (local.get $i) (i32.eq (local.get $pieces) (i32.const 4))))
        (local.set $stop (i32.mul (i32.add (local.get $t) (i32.const 1)) (local.get $pieces)))
        (local.set $stop (select (local.get $end) (local.get $stop) (i32.lt_u (local.get $end) (local.get $stop))))
        (local.set $o (i32.add (local.get $quads) (i32.mul (local.get $t) (i32.const 24))))
        ;; Each place's sum, as a byte address in the row.
        (local.set $low (i32.load (i32.add (local.get $place) (i32.shl (i32.load offset=16 (local.get $o)) (i32.const 2)))))
        (local.set $high (i32.load (i32.add (local.get $place) (i32.shl (i32.load offset=20 (local.get $o)) (i32.const 2)))))
        (if (i32.or (local.get $low) (local.get $high))
          (then
            (local.set $low (i32.add (local.get $row) (i32.shl (local.get $low) (i32.const 3))))
            (local.set $high (i32.add (local.get $row) (i32.shl (local.get $high) (i32.const 3))))
            (local.set $v0 (i32.load offset=0 (local.get $o)))
            (local.set $v1 (i32.load offset=4 (local.get $o)))
            (local.set $v2 (i32.load offset=8 (local.get $o)))
            (local.set $v3 (i32.load offset=12 (local.get $o)))
            (if (i32.eq (local.get $pieces) (i32.const 4))
              (then
                (local.set $at (i32.add (local.get $middles) (i32.shl (local.get $t) (i32.const 4))))
                (local.set $v4 (i32.load offset=0 (local.get $at)))
                (local.set $v5 (i32.load offset=4 (local.get $at)))
                (local.set $v6 (i32.load offset=8 (local.get $at)))
                (local.set $v7 (i32.load offset=12 (local.get $at)))
                (local.set $v8 (i32.add (local.get $faceBase) (local.get $t)))))
            (loop $piece
              ;; The piece's corners: the quad's own, or its quarter i & 3's (quad-pieces.ts's QUARTER_CORNERS):
              ;; (a ab f da), (ab b bc f), (f bc c cd), (da f cd d).
              (local.set $v
                (if (result f64) (i32.ne (local.get $pieces) (i32.const 4))
                  (then (call $volume6 (local.get $pos) (local.get $v0) (local.get $v1) (local.get $v2) (local.get $v3)))
                  (else
                    (block $out (result f64)
                      (block $k3
                        (block $k2
                          (block $k1
                            (block $k0 (br_table $k0 $k1 $k2 $k3 (i32.and (local.get $i) (i32.const 3))))
                            (br $out (call $volume6 (local.get $pos) (local.get $v0) (local.get $v4) (local.get $v8) (local.get $v7))))
                          (br $out (call $volume6 (local.get $pos) (local.get $v4) (local.get $v1) (local.get $v5) (local.get $v8))))
                        (br $out (call $volume6 (local.get $pos) (local.get $v8) (local.get $v5) (local.get $v2) (local.get $v6))))
                      (call $volume6 (local.get $pos) (local.get $v7) (local.get $v8) (local.get $v6) (local.get $v3))))))
              (f64.store (local.get $low) (f64.add (f64.load (local.get $low)) (local.get $v)))
              (f64.store (local.get $high) (f64.sub (f64.load (local.get $high)) (local.get $v)))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br_if $piece (i32.lt_u (local.get $i) (local.get $stop)))))
          (else (local.set $i (local.get $stop))))
        (br $quad)))
  )
)
