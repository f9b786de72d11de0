;; One row of cells of the surface-net sweep, in WebAssembly: core/mesh/sweep-row.ts's sweepCellRow, bit for bit
;; (see that function for what each part does). Compiled by scripts/build-wasm.mjs into sweep-row.ts (run
;; `npm run build:wasm` after editing this file; a unit test checks the two agree).
;;
;; Addresses are byte addresses in the shared memory (core/mesh/arrays.ts's WasmArena). $rowA points at voxel row A
;; of the padded int32 labels (core/mesh/sweep.ts's paddedLabels: a row's column ci + 1 at index ci + 2); row B
;; is $rowStride bytes on, row C $planeStride bytes on, row D both. $prev and $cur point at the two layers of cell ->
;; vertex ids (int32); $pos, $cells, $links, $quads, $uses, $voxels at the output arrays (float32, int16, int32,
;; uint32, uint32, uint32); $state at two int32: the vertex count and the quad numbers used, read and updated. Cells
;; ci = -1 .. $nx - 1 of row (cj, ck); when $count is 1, row A's nonzero voxels are counted per label.
(module
  (memory (import "env" "memory") 1 65536 shared)

  (func (export "run")
    (param $rowA i32) (param $rowStride i32) (param $planeStride i32) (param $prev i32) (param $cur i32)
    (param $pos i32) (param $cells i32) (param $links i32) (param $quads i32) (param $uses i32) (param $voxels i32)
    (param $count i32) (param $state i32) (param $nx i32) (param $cj i32) (param $ck i32) (param $rowCur i32) (param $rowBelow i32)
    (local $nv i32) (local $q i32) (local $ci i32) (local $v i32) (local $w i32) (local $l i32) (local $o i32)
    (local $a0 i32) (local $b0 i32) (local $c0 i32) (local $d0 i32)
    (local $a1 i32) (local $b1 i32) (local $c1 i32) (local $d1 i32)
    (local $u0 i32) (local $u1 i32) (local $col i32)
    (local $sx f64) (local $sy f64) (local $sz f64) (local $n f64)
    (local.set $nv (i32.load offset=0 (local.get $state)))
    (local.set $q (i32.load offset=4 (local.get $state)))
    (local.set $u0 (i32.const 1))
    (local.set $ci (i32.const -1))
    (block $done
      (loop $cell
        (br_if $done (i32.ge_s (local.get $ci) (local.get $nx)))
        ;; Column ci + 1 of the four rows.
        (local.set $col (i32.add (local.get $rowA) (i32.shl (i32.add (local.get $ci) (i32.const 2)) (i32.const 2))))
        (local.set $a1 (i32.load (local.get $col)))
        (local.set $b1 (i32.load (i32.add (local.get $col) (local.get $rowStride))))
        (local.set $c1 (i32.load (i32.add (local.get $col) (local.get $planeStride))))
        (local.set $d1 (i32.load (i32.add (i32.add (local.get $col) (local.get $planeStride)) (local.get $rowStride))))
        (if (i32.and (local.get $count) (i32.ne (local.get $a1) (i32.const 0)))
          (then
            (local.set $w (i32.add (local.get $voxels) (i32.shl (local.get $a1) (i32.const 2))))
            (i32.store (local.get $w) (i32.add (i32.load (local.get $w)) (i32.const 1)))))
        (local.set $u1 (i32.and (i32.and (i32.eq (local.get $a1) (local.get $b1)) (i32.eq (local.get $a1) (local.get $c1)))
                                (i32.eq (local.get $a1) (local.get $d1))))
        (if (i32.eqz (i32.and (i32.and (local.get $u0) (local.get $u1)) (i32.eq (local.get $a0) (local.get $a1))))
          (then
            (local.set $v (local.get $nv))
            (local.set $nv (i32.add (local.get $nv) (i32.const 1)))
            (i32.store (i32.add (local.get $cur) (i32.shl (i32.add (i32.add (local.get $ci) (i32.const 1)) (local.get $rowCur)) (i32.const 2)))
              (local.get $v))
            ;; The mean of the midpoints of the cell's edges whose labels differ.
            (local.set $sx (f64.const 0)) (local.set $sy (f64.const 0)) (local.set $sz (f64.const 0)) (local.set $n (f64.const 0))
            (if (i32.ne (local.get $a0) (local.get $a1)) (then
              (local.set $sx (f64.add (local.get $sx) (f64.const 0.5))) (local.set $n (f64.add (local.get $n) (f64.const 1)))))
            (if (i32.ne (local.get $b0) (local.get $b1)) (then
              (local.set $sx (f64.add (local.get $sx) (f64.const 0.5))) (local.set $sy (f64.add (local.get $sy) (f64.const 1)))
              (local.set $n (f64.add (local.get $n) (f64.const 1)))))
            (if (i32.ne (local.get $c0) (local.get $c1)) (then
              (local.set $sx (f64.add (local.get $sx) (f64.const 0.5))) (local.set $sz (f64.add (local.get $sz) (f64.const 1)))
              (local.set $n (f64.add (local.get $n) (f64.const 1)))))
            (if (i32.ne (local.get $d0) (local.get $d1)) (then
              (local.set $sx (f64.add (local.get $sx) (f64.const 0.5))) (local.set $sy (f64.add (local.get $sy) (f64.const 1)))
              (local.set $sz (f64.add (local.get $sz) (f64.const 1))) (local.set $n (f64.add (local.get $n) (f64.const 1)))))
            (if (i32.ne (local.get $a0) (local.get $b0)) (then
              (local.set $sy (f64.add (local.get $sy) (f64.const 0.5))) (local.set $n (f64.add (local.get $n) (f64.const 1)))))
            (if (i32.ne (local.get $a1) (local.get $b1)) (then
              (local.set $sx (f64.add (local.get $sx) (f64.const 1))) (local.set $sy (f64.add (local.get $sy) (f64.const 0.5)))
              (local.set $n (f64.add (local.get $n) (f64.const 1)))))
            (if (i32.ne (local.get $c0) (local.get $d0)) (then
              (local.set $sy (f64.add (local.get $sy) (f64.const 0.5))) (local.set $sz (f64.add (local.get $sz) (f64.const 1)))
              (local.set $n (f64.add (local.get $n) (f64.const 1)))))
            (if (i32.ne (local.get $c1) (local.get $d1)) (then
              (local.set $sx (f64.add (local.get $sx) (f64.const 1))) (local.set $sy (f64.add (local.get $sy) (f64.const 0.5)))
              (local.set $sz (f64.add (local.get $sz) (f64.const 1))) (local.set $n (f64.add (local.get $n) (f64.const 1)))))
            (if (i32.ne (local.get $a0) (local.get $c0)) (then
              (local.set $sz (f64.add (local.get $sz) (f64.const 0.5))) (local.set $n (f64.add (local.get $n) (f64.const 1)))))
            (if (i32.ne (local.get $a1) (local.get $c1)) (then
              (local.set $sx (f64.add (local.get $sx) (f64.const 1))) (local.set $sz (f64.add (local.get $sz) (f64.const 0.5)))
              (local.set $n (f64.add (local.get $n) (f64.const 1)))))
            (if (i32.ne (local.get $b0) (local.get $d0)) (then
              (local.set $sy (f64.add (local.get $sy) (f64.const 1))) (local.set $sz (f64.add (local.get $sz) (f64.const 0.5)))
              (local.set $n (f64.add (local.get $n) (f64.const 1)))))
            (if (i32.ne (local.get $b1) (local.get $d1)) (then
              (local.set $sx (f64.add (local.get $sx) (f64.const 1))) (local.set $sy (f64.add (local.get $sy) (f64.const 1)))
              (local.set $sz (f64.add (local.get $sz) (f64.const 0.5))) (local.set $n (f64.add (local.get $n) (f64.const 1)))))
            (local.set $o (i32.add (local.get $pos) (i32.mul (local.get $v) (i32.const 12))))
            (f32.store offset=0 (local.get $o) (f32.demote_f64 (f64.add (f64.convert_i32_s (local.get $ci)) (f64.div (local.get $sx) (local.get $n)))))
            (f32.store offset=4 (local.get $o) (f32.demote_f64 (f64.add (f64.convert_i32_s (local.get $cj)) (f64.div (local.get $sy) (local.get $n)))))
            (f32.store offset=8 (local.get $o) (f32.demote_f64 (f64.add (f64.convert_i32_s (local.get $ck)) (f64.div (local.get $sz) (local.get $n)))))
            (local.set $o (i32.add (local.get $cells) (i32.mul (local.get $v) (i32.const 6))))
            (i32.store16 offset=0 (local.get $o) (local.get $ci))
            (i32.store16 offset=2 (local.get $o) (local.get $cj))
            (i32.store16 offset=4 (local.get $o) (local.get $ck))
            ;; Links to the earlier neighbours (-x, -y, -z) and theirs back (+x, +y, +z).
            (local.set $l (i32.add (local.get $links) (i32.mul (local.get $v) (i32.const 24))))
            (i32.store offset=4 (local.get $l) (i32.const -1))
            (i32.store offset=12 (local.get $l) (i32.const -1))
            (i32.store offset=20 (local.get $l) (i32.const -1))
            (if (i32.eqz (local.get $u0))
              (then
                (i32.store offset=0 (local.get $l) (i32.sub (local.get $v) (i32.const 1)))
                (i32.store offset=4 (i32.sub (local.get $l) (i32.const 24)) (local.get $v)))
              (else (i32.store offset=0 (local.get $l) (i32.const -1))))
            (if (i32.eqz (i32.and (i32.and (i32.eq (local.get $a0) (local.get $a1)) (i32.eq (local.get $a0) (local.get $c0)))
                                  (i32.eq (local.get $a0) (local.get $c1))))
              (then
                (local.set $w (i32.load (i32.add (local.get $cur) (i32.shl (i32.add (i32.add (local.get $ci) (i32.const 1)) (local.get $rowBelow)) (i32.const 2)))))
                (i32.store offset=8 (local.get $l) (local.get $w))
                (i32.store offset=12 (i32.add (local.get $links) (i32.mul (local.get $w) (i32.const 24))) (local.get $v)))
              (else (i32.store offset=8 (local.get $l) (i32.const -1))))
            (if (i32.eqz (i32.and (i32.and (i32.eq (local.get $a0) (local.get $a1)) (i32.eq (local.get $a0) (local.get $b0)))
                                  (i32.eq (local.get $a0) (local.get $b1))))
              (then
                (local.set $w (i32.load (i32.add (local.get $prev) (i32.shl (i32.add (i32.add (local.get $ci) (i32.const 1)) (local.get $rowCur)) (i32.const 2)))))
                (i32.store offset=16 (local.get $l) (local.get $w))
                (i32.store offset=20 (i32.add (local.get $links) (i32.mul (local.get $w) (i32.const 24))) (local.get $v)))
              (else (i32.store offset=16 (local.get $l) (i32.const -1))))
            ;; Each distinct nonzero label of the corners (a0 a1 b0 b1 c0 c1 d0 d1) uses this vertex once.
            (if (i32.ne (local.get $a0) (i32.const 0))
              (then
                (local.set $w (i32.add (local.get $uses) (i32.shl (local.get $a0) (i32.const 2))))
                (i32.store (local.get $w) (i32.add (i32.load (local.get $w)) (i32.const 1)))))
            (if (i32.and (i32.ne (local.get $a1) (i32.const 0)) (i32.eqz (i32.eq (local.get $a1) (local.get $a0))))
              (then
                (local.set $w (i32.add (local.get $uses) (i32.shl (local.get $a1) (i32.const 2))))
                (i32.store (local.get $w) (i32.add (i32.load (local.get $w)) (i32.const 1)))))
            (if (i32.and (i32.ne (local.get $b0) (i32.const 0)) (i32.eqz (i32.or (i32.eq (local.get $b0) (local.get $a0)) (i32.eq (local.get $b0) (local.get $a1)))))
              (then
                (local.set $w (i32.add (local.get $uses) (i32.shl (local.get $b0) (i32.const 2))))
                (i32.store (local.get $w) (i32.add (i32.load (local.get $w)) (i32.const 1)))))
            (if (i32.and (i32.ne (local.get $b1) (i32.const 0)) (i32.eqz (i32.or (i32.or (i32.eq (local.get $b1) (local.get $a0)) (i32.eq (local.get $b1) (local.get $a1)))
                      (i32.eq (local.get $b1) (local.get $b0)))))
              (then
                (local.set $w (i32.add (local.get $uses) (i32.shl (local.get $b1) (i32.const 2))))
                (i32.store (local.get $w) (i32.add (i32.load (local.get $w)) (i32.const 1)))))
            (if (i32.and (i32.ne (local.get $c0) (i32.const 0)) (i32.eqz (i32.or (i32.or (i32.eq (local.get $c0) (local.get $a0)) (i32.eq (local.get $c0) (local.get $a1)))
                      (i32.or (i32.eq (local.get $c0) (local.get $b0)) (i32.eq (local.get $c0) (local.get $b1))))))
              (then
                (local.set $w (i32.add (local.get $uses) (i32.shl (local.get $c0) (i32.const 2))))
                (i32.store (local.get $w) (i32.add (i32.load (local.get $w)) (i32.const 1)))))
            (if (i32.and (i32.ne (local.get $c1) (i32.const 0)) (i32.eqz (i32.or (i32.or (i32.or (i32.eq (local.get $c1) (local.get $a0)) (i32.eq (local.get $c1) (local.get $a1)))
                              (i32.or (i32.eq (local.get $c1) (local.get $b0)) (i32.eq (local.get $c1) (local.get $b1))))
                      (i32.eq (local.get $c1) (local.get $c0)))))
              (then
                (local.set $w (i32.add (local.get $uses) (i32.shl (local.get $c1) (i32.const 2))))
                (i32.store (local.get $w) (i32.add (i32.load (local.get $w)) (i32.const 1)))))
            (if (i32.and (i32.ne (local.get $d0) (i32.const 0)) (i32.eqz (i32.or (i32.or (i32.or (i32.eq (local.get $d0) (local.get $a0)) (i32.eq (local.get $d0) (local.get $a1)))
                              (i32.or (i32.eq (local.get $d0) (local.get $b0)) (i32.eq (local.get $d0) (local.get $b1))))
                      (i32.or (i32.eq (local.get $d0) (local.get $c0)) (i32.eq (local.get $d0) (local.get $c1))))))
              (then
                (local.set $w (i32.add (local.get $uses) (i32.shl (local.get $d0) (i32.const 2))))
                (i32.store (local.get $w) (i32.add (i32.load (local.get $w)) (i32.const 1)))))
            (if (i32.and (i32.ne (local.get $d1) (i32.const 0)) (i32.eqz (i32.or (i32.or (i32.or (i32.eq (local.get $d1) (local.get $a0)) (i32.eq (local.get $d1) (local.get $a1)))
                              (i32.or (i32.eq (local.get $d1) (local.get $b0)) (i32.eq (local.get $d1) (local.get $b1))))
                      (i32.or (i32.or (i32.eq (local.get $d1) (local.get $c0)) (i32.eq (local.get $d1) (local.get $c1)))
                              (i32.eq (local.get $d1) (local.get $d0))))))
              (then
                (local.set $w (i32.add (local.get $uses) (i32.shl (local.get $d1) (i32.const 2))))
                (i32.store (local.get $w) (i32.add (i32.load (local.get $w)) (i32.const 1)))))
            ;; Quads of the three voxel edges at the cell's low corner: four vertex ids, low label, high label.
            (if (i32.ne (local.get $a0) (local.get $a1))
              (then
                (local.set $o (i32.add (local.get $quads) (i32.shl (local.get $q) (i32.const 2))))
                (i32.store offset=0 (local.get $o) (i32.load (i32.add (local.get $prev) (i32.shl (i32.add (i32.add (local.get $ci) (i32.const 1)) (local.get $rowBelow)) (i32.const 2)))))
                (i32.store offset=4 (local.get $o) (i32.load (i32.add (local.get $prev) (i32.shl (i32.add (i32.add (local.get $ci) (i32.const 1)) (local.get $rowCur)) (i32.const 2)))))
                (i32.store offset=8 (local.get $o) (local.get $v))
                (i32.store offset=12 (local.get $o) (i32.load (i32.add (local.get $cur) (i32.shl (i32.add (i32.add (local.get $ci) (i32.const 1)) (local.get $rowBelow)) (i32.const 2)))))
                (i32.store offset=16 (local.get $o) (local.get $a0))
                (i32.store offset=20 (local.get $o) (local.get $a1))
                (local.set $q (i32.add (local.get $q) (i32.const 6)))))
            (if (i32.ne (local.get $a0) (local.get $b0))
              (then
                (local.set $o (i32.add (local.get $quads) (i32.shl (local.get $q) (i32.const 2))))
                (i32.store offset=0 (local.get $o) (i32.load (i32.add (local.get $prev) (i32.shl (i32.add (local.get $ci) (local.get $rowCur)) (i32.const 2)))))
                (i32.store offset=4 (local.get $o) (i32.sub (local.get $v) (i32.const 1)))
                (i32.store offset=8 (local.get $o) (local.get $v))
                (i32.store offset=12 (local.get $o) (i32.load (i32.add (local.get $prev) (i32.shl (i32.add (i32.add (local.get $ci) (i32.const 1)) (local.get $rowCur)) (i32.const 2)))))
                (i32.store offset=16 (local.get $o) (local.get $a0))
                (i32.store offset=20 (local.get $o) (local.get $b0))
                (local.set $q (i32.add (local.get $q) (i32.const 6)))))
            (if (i32.ne (local.get $a0) (local.get $c0))
              (then
                (local.set $o (i32.add (local.get $quads) (i32.shl (local.get $q) (i32.const 2))))
                (i32.store offset=0 (local.get $o) (i32.load (i32.add (local.get $cur) (i32.shl (i32.add (local.get $ci) (local.get $rowBelow)) (i32.const 2)))))
                (i32.store offset=4 (local.get $o) (i32.load (i32.add (local.get $cur) (i32.shl (i32.add (i32.add (local.get $ci) (i32.const 1)) (local.get $rowBelow)) (i32.const 2)))))
                (i32.store offset=8 (local.get $o) (local.get $v))
                (i32.store offset=12 (local.get $o) (i32.sub (local.get $v) (i32.const 1)))
                (i32.store offset=16 (local.get $o) (local.get $a0))
                (i32.store offset=20 (local.get $o) (local.get $c0))
                (local.set $q (i32.add (local.get $q) (i32.const 6)))))))
        (local.set $a0 (local.get $a1)) (local.set $b0 (local.get $b1)) (local.set $c0 (local.get $c1)) (local.set $d0 (local.get $d1))
        (local.set $u0 (local.get $u1))
        (local.set $ci (i32.add (local.get $ci) (i32.const 1)))
        (br $cell)))
    (i32.store offset=0 (local.get $state) (local.get $nv))
    (i32.store offset=4 (local.get $state) (local.get $q)))

)
