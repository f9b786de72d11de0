;; Which faces of each vertex's cell the net crosses on a curve where regions meet, in WebAssembly: core/mesh/smooth.ts's
;; curveFaces for vertices [from, to), bit for bit. Compiled by scripts/build-wasm.mjs into curve-faces.ts (run
;; `npm run build:wasm` after editing this file; a unit test checks the two agree).
;;
;; Arguments are byte addresses in the shared memory (core/mesh/arrays.ts's WasmArena):
;;   cells   3 int16 per vertex: the low corner voxel (i, j, k) of its cell, each −1 to n − 1
;;   bits    uint8 per vertex, written: its cell's faces on curves, one bit per link slot (−x, +x, −y, +y, −z, +z)
;;   padded  the labels as int32 with a border of zeros one voxel wide (core/mesh/sweep.ts's paddedLabels): voxel
;;           (i, j, k) at (i + 1) + px · ((j + 1) + py · (k + 1)), so every corner of every cell is inside it
;;   table   4096 uint8: per set of the cell's twelve differing voxel pairs (x pairs bits 0–3, y pairs 4–7, z pairs
;;           8–11, each in corner order), its faces with more than two of their four sides differing
;;   px, py  the padded grid's row length and rows per plane, in voxels
(module
  (memory (import "env" "memory") 1 65536 shared)
  (func (export "run")
    (param $cells i32) (param $bits i32) (param $padded i32) (param $table i32) (param $px i32) (param $py i32)
    (param $from i32) (param $to i32)
    (local $v i32) (local $c i32) (local $p i32) (local $dy i32) (local $dz i32)
    (local $c0 i32) (local $c1 i32) (local $c2 i32) (local $c3 i32)
    (local $c4 i32) (local $c5 i32) (local $c6 i32) (local $c7 i32)
    ;; Byte steps along y and z in the padded grid.
    (local.set $dy (i32.shl (local.get $px) (i32.const 2)))
    (local.set $dz (i32.shl (i32.mul (local.get $px) (local.get $py)) (i32.const 2)))
    (local.set $v (local.get $from))
    (block $done
      (loop $vertex
        (br_if $done (i32.ge_u (local.get $v) (local.get $to)))
        ;; Corner 0, voxel (i, j, k), at padded (i + 1, j + 1, k + 1).
        (local.set $c (i32.add (local.get $cells) (i32.mul (local.get $v) (i32.const 6))))
        (local.set $p
          (i32.add (local.get $padded)
            (i32.shl
              (i32.add
                (i32.add (i32.load16_s (local.get $c)) (i32.const 1))
                (i32.mul (local.get $px)
                  (i32.add
                    (i32.add (i32.load16_s offset=2 (local.get $c)) (i32.const 1))
                    (i32.mul (local.get $py)
                      (i32.add (i32.load16_s offset=4 (local.get $c)) (i32.const 1))))))
              (i32.const 2))))
        ;; Corner c is voxel (i + (c & 1), j + (c >> 1 & 1), k + (c >> 2)).
        (local.set $c0 (i32.load (local.get $p)))
        (local.set $c1 (i32.load offset=4 (local.get $p)))
        (local.set $c2 (i32.load (i32.add (local.get $p) (local.get $dy))))
        (local.set $c3 (i32.load offset=4 (i32.add (local.get $p) (local.get $dy))))
        (local.set $p (i32.add (local.get $p) (local.get $dz)))
        (local.set $c4 (i32.load (local.get $p)))
        (local.set $c5 (i32.load offset=4 (local.get $p)))
        (local.set $c6 (i32.load (i32.add (local.get $p) (local.get $dy))))
        (local.set $c7 (i32.load offset=4 (i32.add (local.get $p) (local.get $dy))))
        (i32.store8 (i32.add (local.get $bits) (local.get $v))
          (i32.load8_u
            (i32.add (local.get $table)
              (i32.or
                (i32.or
                  (i32.or
                    (i32.or (i32.ne (local.get $c0) (local.get $c1))
                            (i32.shl (i32.ne (local.get $c2) (local.get $c3)) (i32.const 1)))
                    (i32.or (i32.shl (i32.ne (local.get $c4) (local.get $c5)) (i32.const 2))
                            (i32.shl (i32.ne (local.get $c6) (local.get $c7)) (i32.const 3))))
                  (i32.or
                    (i32.or (i32.shl (i32.ne (local.get $c0) (local.get $c2)) (i32.const 4))
                            (i32.shl (i32.ne (local.get $c1) (local.get $c3)) (i32.const 5)))
                    (i32.or (i32.shl (i32.ne (local.get $c4) (local.get $c6)) (i32.const 6))
                            (i32.shl (i32.ne (local.get $c5) (local.get $c7)) (i32.const 7)))))
                (i32.or
                  (i32.or (i32.shl (i32.ne (local.get $c0) (local.get $c4)) (i32.const 8))
                          (i32.shl (i32.ne (local.get $c1) (local.get $c5)) (i32.const 9)))
                  (i32.or (i32.shl (i32.ne (local.get $c2) (local.get $c6)) (i32.const 10))
                          (i32.shl (i32.ne (local.get $c3) (local.get $c7)) (i32.const 11))))))))
        (local.set $v (i32.add (local.get $v) (i32.const 1)))
        (br $vertex))))
)
