;; One row of the label-noise scan, in WebAssembly: core/mesh/label-noise.ts's noiseRowJs, bit for bit (see that
;; function). Compiled by scripts/build-wasm.mjs into noise-row.ts (run `npm run build:wasm` after editing this file;
;; a unit test checks the two agree).
;;
;; Addresses are byte addresses in the shared memory (core/mesh/arrays.ts's WasmArena). $labels points at the label
;; grid, $width bytes a label (1, 2 or 4, unsigned); voxels [$from, $to) of it are looked at, each voxel's faces
;; $nx and $plane voxels away along y and z (every neighbour inside the grid: the caller keeps off its faces).
;; $mode 0: each voxel that may be noise is written to $out (int32 voxel numbers, in order) and the number written is
;; returned: at most one face of its own label, or two with the other four faces all of one label. $mode 1: each
;; voxel's label is counted into $counts (uint32 per label), and 0 is returned. The loops are written out once per
;; label width, so each load is a plain one.
(module
  (memory (import "env" "memory") 1 65536 shared)

  ;; Whether a voxel of label $l with face labels $a..$f may be noise (see above).
  (func $mayBeNoise (param $l i32) (param $a i32) (param $b i32) (param $c i32) (param $d i32) (param $e i32) (param $f i32)
    (result i32)
    (local $same i32) (local $v i32)
    (local.set $same
      (i32.add
        (i32.add (i32.add (i32.eq (local.get $a) (local.get $l)) (i32.eq (local.get $b) (local.get $l)))
                 (i32.add (i32.eq (local.get $c) (local.get $l)) (i32.eq (local.get $d) (local.get $l))))
        (i32.add (i32.eq (local.get $e) (local.get $l)) (i32.eq (local.get $f) (local.get $l)))))
    (if (i32.gt_u (local.get $same) (i32.const 2)) (then (return (i32.const 0))))
    (if (i32.lt_u (local.get $same) (i32.const 2)) (then (return (i32.const 1))))
    ;; Two faces of its own: the first other label, then whether every face is $l or that label.
    (local.set $v (local.get $f))
    (if (i32.ne (local.get $e) (local.get $l)) (then (local.set $v (local.get $e))))
    (if (i32.ne (local.get $d) (local.get $l)) (then (local.set $v (local.get $d))))
    (if (i32.ne (local.get $c) (local.get $l)) (then (local.set $v (local.get $c))))
    (if (i32.ne (local.get $b) (local.get $l)) (then (local.set $v (local.get $b))))
    (if (i32.ne (local.get $a) (local.get $l)) (then (local.set $v (local.get $a))))
    (i32.and
      (i32.and
        (i32.and (i32.or (i32.eq (local.get $a) (local.get $l)) (i32.eq (local.get $a) (local.get $v)))
                 (i32.or (i32.eq (local.get $b) (local.get $l)) (i32.eq (local.get $b) (local.get $v))))
        (i32.and (i32.or (i32.eq (local.get $c) (local.get $l)) (i32.eq (local.get $c) (local.get $v)))
                 (i32.or (i32.eq (local.get $d) (local.get $l)) (i32.eq (local.get $d) (local.get $v)))))
      (i32.and (i32.or (i32.eq (local.get $e) (local.get $l)) (i32.eq (local.get $e) (local.get $v)))
               (i32.or (i32.eq (local.get $f) (local.get $l)) (i32.eq (local.get $f) (local.get $v))))))

  (func (export "run")
    (param $labels i32) (param $width i32) (param $from i32) (param $to i32) (param $nx i32) (param $plane i32)
    (param $out i32) (param $counts i32) (param $mode i32) (result i32)
    (local $o i32) (local $p i32) (local $l i32) (local $n i32) (local $w i32)
    (local $a i32) (local $b i32) (local $dy i32) (local $dz i32)
    ;; Byte steps to the faces along y and z.
    (local.set $dy (i32.mul (local.get $nx) (local.get $width)))
    (local.set $dz (i32.mul (local.get $plane) (local.get $width)))
    (local.set $o (local.get $from))
    (local.set $p (i32.add (local.get $labels) (i32.mul (local.get $from) (local.get $width))))
    (if (i32.eq (local.get $width) (i32.const 1))
      (then
        (if (i32.eq (local.get $mode) (i32.const 1))
          (then
            (block $counted1
              (loop $count1
                (br_if $counted1 (i32.ge_s (local.get $o) (local.get $to)))
                (local.set $w (i32.add (local.get $counts) (i32.shl (i32.load8_u (local.get $p)) (i32.const 2))))
                (i32.store (local.get $w) (i32.add (i32.load (local.get $w)) (i32.const 1)))
                (local.set $o (i32.add (local.get $o) (i32.const 1)))
                (local.set $p (i32.add (local.get $p) (i32.const 1)))
                (br $count1)))
            (return (i32.const 0))))
        (block $done1
          (loop $voxel1
            (br_if $done1 (i32.ge_s (local.get $o) (local.get $to)))
            (local.set $l (i32.load8_u (local.get $p)))
            (local.set $a (i32.load8_u (i32.sub (local.get $p) (i32.const 1))))
            (local.set $b (i32.load8_u (i32.add (local.get $p) (i32.const 1))))
            ;; Most voxels have their label on both sides along x and one side along y: not noise.
            (if (i32.eqz (i32.and (i32.and (i32.eq (local.get $a) (local.get $l)) (i32.eq (local.get $b) (local.get $l)))
                                  (i32.or (i32.eq (i32.load8_u (i32.sub (local.get $p) (local.get $dy))) (local.get $l))
                                          (i32.eq (i32.load8_u (i32.add (local.get $p) (local.get $dy))) (local.get $l)))))
              (then
                (if (call $mayBeNoise (local.get $l) (local.get $a) (local.get $b)
                      (i32.load8_u (i32.sub (local.get $p) (local.get $dy))) (i32.load8_u (i32.add (local.get $p) (local.get $dy)))
                      (i32.load8_u (i32.sub (local.get $p) (local.get $dz))) (i32.load8_u (i32.add (local.get $p) (local.get $dz))))
                  (then
                    (i32.store (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 2))) (local.get $o))
                    (local.set $n (i32.add (local.get $n) (i32.const 1)))))))
            (local.set $o (i32.add (local.get $o) (i32.const 1)))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $voxel1)))
        (return (local.get $n))))
    (if (i32.eq (local.get $width) (i32.const 2))
      (then
        (if (i32.eq (local.get $mode) (i32.const 1))
          (then
            (block $counted2
              (loop $count2
                (br_if $counted2 (i32.ge_s (local.get $o) (local.get $to)))
                (local.set $w (i32.add (local.get $counts) (i32.shl (i32.load16_u (local.get $p)) (i32.const 2))))
                (i32.store (local.get $w) (i32.add (i32.load (local.get $w)) (i32.const 1)))
                (local.set $o (i32.add (local.get $o) (i32.const 1)))
                (local.set $p (i32.add (local.get $p) (i32.const 2)))
                (br $count2)))
            (return (i32.const 0))))
        (block $done2
          (loop $voxel2
            (br_if $done2 (i32.ge_s (local.get $o) (local.get $to)))
            (local.set $l (i32.load16_u (local.get $p)))
            (local.set $a (i32.load16_u (i32.sub (local.get $p) (i32.const 2))))
            (local.set $b (i32.load16_u (i32.add (local.get $p) (i32.const 2))))
            ;; Most voxels have their label on both sides along x and one side along y: not noise.
            (if (i32.eqz (i32.and (i32.and (i32.eq (local.get $a) (local.get $l)) (i32.eq (local.get $b) (local.get $l)))
                                  (i32.or (i32.eq (i32.load16_u (i32.sub (local.get $p) (local.get $dy))) (local.get $l))
                                          (i32.eq (i32.load16_u (i32.add (local.get $p) (local.get $dy))) (local.get $l)))))
              (then
                (if (call $mayBeNoise (local.get $l) (local.get $a) (local.get $b)
                      (i32.load16_u (i32.sub (local.get $p) (local.get $dy))) (i32.load16_u (i32.add (local.get $p) (local.get $dy)))
                      (i32.load16_u (i32.sub (local.get $p) (local.get $dz))) (i32.load16_u (i32.add (local.get $p) (local.get $dz))))
                  (then
                    (i32.store (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 2))) (local.get $o))
                    (local.set $n (i32.add (local.get $n) (i32.const 1)))))))
            (local.set $o (i32.add (local.get $o) (i32.const 1)))
            (local.set $p (i32.add (local.get $p) (i32.const 2)))
            (br $voxel2)))
        (return (local.get $n))))
    (if (i32.eq (local.get $width) (i32.const 4))
      (then
        (if (i32.eq (local.get $mode) (i32.const 1))
          (then
            (block $counted4
              (loop $count4
                (br_if $counted4 (i32.ge_s (local.get $o) (local.get $to)))
                (local.set $w (i32.add (local.get $counts) (i32.shl (i32.load (local.get $p)) (i32.const 2))))
                (i32.store (local.get $w) (i32.add (i32.load (local.get $w)) (i32.const 1)))
                (local.set $o (i32.add (local.get $o) (i32.const 1)))
                (local.set $p (i32.add (local.get $p) (i32.const 4)))
                (br $count4)))
            (return (i32.const 0))))
        (block $done4
          (loop $voxel4
            (br_if $done4 (i32.ge_s (local.get $o) (local.get $to)))
            (local.set $l (i32.load (local.get $p)))
            (local.set $a (i32.load (i32.sub (local.get $p) (i32.const 4))))
            (local.set $b (i32.load (i32.add (local.get $p) (i32.const 4))))
            ;; Most voxels have their label on both sides along x and one side along y: not noise.
            (if (i32.eqz (i32.and (i32.and (i32.eq (local.get $a) (local.get $l)) (i32.eq (local.get $b) (local.get $l)))
                                  (i32.or (i32.eq (i32.load (i32.sub (local.get $p) (local.get $dy))) (local.get $l))
                                          (i32.eq (i32.load (i32.add (local.get $p) (local.get $dy))) (local.get $l)))))
              (then
                (if (call $mayBeNoise (local.get $l) (local.get $a) (local.get $b)
                      (i32.load (i32.sub (local.get $p) (local.get $dy))) (i32.load (i32.add (local.get $p) (local.get $dy)))
                      (i32.load (i32.sub (local.get $p) (local.get $dz))) (i32.load (i32.add (local.get $p) (local.get $dz))))
                  (then
                    (i32.store (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 2))) (local.get $o))
                    (local.set $n (i32.add (local.get $n) (i32.const 1)))))))
            (local.set $o (i32.add (local.get $o) (i32.const 1)))
            (local.set $p (i32.add (local.get $p) (i32.const 4)))
            (br $voxel4)))
        (return (local.get $n))))
    (local.get $n))
)
