/* check_netio.c - saving and loading networks: round trips, every
 * corruption refused, atomic writes, the predict program. */
#include <check.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

#include "data.h"
#include "netio.h"
#include "support.h"

#define DATA_FILE NN_REPO_DIR "/data/digits.csv.gz"

static char dir[512];
static void setup(void) { temp_dir(dir, sizeof dir); }
static void teardown(void) { remove_dir(dir); }

/* dir/name, in a static buffer. */
static const char *in_dir(const char *name)
{
    static char path[700];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return path;
}

/* A D-H-K network with Gaussian weights from seed and small biases. */
static void make_net(Net *net, int D, int H, int K, Activation act,
                     unsigned seed)
{
    Rng r;
    ck_assert_int_eq(net_init(net, D, H, K, act), 0);
    rng_seed(&r, seed);
    net_init_tutorial(net, &r);
    net->bo[0] = -0.0; /* the sign of zero must survive too */
}

static void write_bytes(const char *path, const void *buf, size_t len)
{
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(buf, 1, len, f), len);
    ck_assert_int_eq(fclose(f), 0);
}

/* The file image of net, malloc'd, its length in *len. */
static unsigned char *image(const Net *net, double scale, size_t *len)
{
    *len = netio_size(net);
    unsigned char *buf = malloc(*len);
    ck_assert_ptr_nonnull(buf);
    netio_encode(buf, net, scale);
    return buf;
}

/* Recomputes the trailing CRC-32 after a deliberate edit, so the check
 * behind the checksum is the one that must refuse the file. */
static void reseal(unsigned char *buf, size_t len)
{
    uint32_t crc = (uint32_t)crc32(0L, buf, (uInt)(len - 4));
    for (int i = 0; i < 4; i++)
        buf[len - 4 + i] = (unsigned char)(crc >> (8 * i));
}

static void assert_same_net(const Net *a, const Net *b)
{
    ck_assert_int_eq(a->D, b->D);
    ck_assert_int_eq(a->H, b->H);
    ck_assert_int_eq(a->K, b->K);
    ck_assert_int_eq(a->act, b->act);
    ck_assert_uint_eq(a->n_params, b->n_params);
    ck_assert(memcmp(a->params, b->params,
                     a->n_params * sizeof *a->params) == 0);
}

/* A message is one line, names the file and says what it must. */
static void assert_message(const Error *err, const char *name,
                           const char *expect)
{
    ck_assert_msg(strstr(err->msg, name) != NULL,
                  "message '%s' does not name %s", err->msg, name);
    ck_assert_msg(strstr(err->msg, expect) != NULL,
                  "message '%s' lacks '%s'", err->msg, expect);
    ck_assert_ptr_null(strchr(err->msg, '\n'));
}

/* ---- round trips -------------------------------------------------------- */

START_TEST(round_trip_is_bit_exact)
{
    static const Activation acts[] = {ACT_SIGMOID, ACT_TANH, ACT_RELU};
    for (int a = 0; a < 3; a++) {
        Net net, back;
        double scale;
        Error err;
        make_net(&net, 64, 50, 10, acts[a], 7 + a);
        net.Wh.data[5] = 1e-310;    /* a subnormal */
        net.Wo.data[3] = -1.5e300;  /* a huge one */
        ck_assert_msg(netio_save(&net, 1.0 / 16, in_dir("net.nnet"), &err)
                      == 0, "%s", err.msg);
        ck_assert_msg(netio_load(&back, &scale, in_dir("net.nnet"), 64, 10,
                                 &err) == 0, "%s", err.msg);
        assert_same_net(&net, &back);
        ck_assert(scale == 1.0 / 16);
        ck_assert(signbit(back.bo[0]));
        net_free(&net);
        net_free(&back);
    }
}
END_TEST

/* The layout netio.h documents: sizes, magic, little-endian fields. */
START_TEST(layout_is_as_documented)
{
    Net net;
    size_t len;
    make_net(&net, 64, 50, 10, ACT_TANH, 0);
    unsigned char *buf = image(&net, 1.0, &len);
    ck_assert_uint_eq(len, 30128);
    ck_assert(memcmp(buf, "NNET\r\n\x1a\n", 8) == 0);
    static const unsigned char fields[] = {1, 0, 0, 0, 64, 0, 0, 0, 50, 0,
                                           0, 0, 10, 0, 0, 0, 1, 0, 0, 0};
    ck_assert(memcmp(buf + 8, fields, sizeof fields) == 0);
    ck_assert_uint_eq(buf[28], 3760 % 256);
    ck_assert_uint_eq(buf[29], 3760 / 256);
    /* 1.0 is 0x3ff0000000000000: little-endian, its last byte is 0x3f. */
    ck_assert_uint_eq(buf[36 + 7], 0x3f);
    ck_assert_uint_eq(buf[36 + 6], 0xf0);
    uint64_t bits = 0, want;
    for (int i = 7; i >= 0; i--)
        bits = bits << 8 | buf[44 + i];
    memcpy(&want, &net.params[0], sizeof want);
    ck_assert(bits == want);
    uint32_t crc = (uint32_t)crc32(0L, buf, (uInt)(len - 4));
    ck_assert_uint_eq(buf[len - 4], crc & 0xff);
    ck_assert_uint_eq(buf[len - 1], crc >> 24);
    free(buf);
    net_free(&net);
}
END_TEST

/* A network trained for a few steps classifies the same images the same
 * way after a save and a load. */
START_TEST(predictions_survive_the_round_trip)
{
    Dataset ds;
    Error err;
    ck_assert(data_load(&ds, DATA_FILE, &err) == 0);
    Net net, back;
    double scale;
    Work w;
    make_net(&net, 64, 50, 10, ACT_SIGMOID, 3);
    ck_assert(netio_save(&net, 1.0, in_dir("a.nnet"), &err) == 0);
    ck_assert(netio_load(&back, &scale, in_dir("a.nnet"), 64, 10, &err)
              == 0);
    int *p1 = malloc(ds.n * sizeof *p1), *p2 = malloc(ds.n * sizeof *p2);
    ck_assert(p1 && p2);
    ck_assert(work_init(&w, &net, 300) == 0);
    net_predict(p1, &net, &ds.X, &w);
    net_predict(p2, &back, &ds.X, &w);
    ck_assert(memcmp(p1, p2, ds.n * sizeof *p1) == 0);
    work_free(&w);
    free(p1);
    free(p2);
    net_free(&net);
    net_free(&back);
    data_free(&ds);
}
END_TEST

/* ---- atomic writes ------------------------------------------------------ */

static int files_in(const char *path)
{
    DIR *d = opendir(path);
    ck_assert_ptr_nonnull(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        n += e->d_name[0] != '.' || (strcmp(e->d_name, ".") &&
                                     strcmp(e->d_name, ".."));
    closedir(d);
    return n;
}

START_TEST(save_replaces_whole_and_leaves_no_temporary)
{
    Net a, b, back;
    double scale;
    Error err;
    make_net(&a, 64, 50, 10, ACT_SIGMOID, 1);
    make_net(&b, 8, 3, 2, ACT_RELU, 2);
    ck_assert(netio_save(&a, 1.0, in_dir("m.nnet"), &err) == 0);
    ck_assert(netio_save(&b, 1.0, in_dir("m.nnet"), &err) == 0);
    ck_assert_int_eq(files_in(dir), 1);
    ck_assert(netio_load(&back, &scale, in_dir("m.nnet"), 0, 0, &err) == 0);
    assert_same_net(&b, &back);
    struct stat st;
    ck_assert_int_eq(stat(in_dir("m.nnet"), &st), 0);
    ck_assert_int_eq((int)st.st_size, (int)netio_size(&b));
    net_free(&a);
    net_free(&b);
    net_free(&back);
}
END_TEST

START_TEST(save_refuses_what_it_cannot_write)
{
    Net net;
    Error err;
    make_net(&net, 4, 3, 2, ACT_SIGMOID, 1);
    /* A diverged network: nothing is written, not even a temporary. */
    net.Wo.data[2] = NAN;
    ck_assert_int_eq(netio_save(&net, 1.0, in_dir("d.nnet"), &err), -1);
    assert_message(&err, "d.nnet", "diverged");
    net.Wo.data[2] = INFINITY;
    ck_assert_int_eq(netio_save(&net, 1.0, in_dir("d.nnet"), &err), -1);
    net.Wo.data[2] = 0.5;
    ck_assert_int_eq(netio_save(&net, NAN, in_dir("d.nnet"), &err), -1);
    assert_message(&err, "d.nnet", "input scale");
    ck_assert_int_eq(files_in(dir), 0);
    /* A directory where the file should go, and a file where the
     * directory should be. */
    ck_assert_int_eq(netio_save(&net, 1.0, dir, &err), -1);
    ck_assert_int_eq(netio_save(&net, 1.0, in_dir("x/"), &err), -1);
    assert_message(&err, "x/", "expected a file name");
    write_bytes(in_dir("plain"), "x", 1);
    ck_assert_int_eq(netio_save(&net, 1.0, in_dir("plain/m.nnet"), &err), -1);
    ck_assert_msg(strstr(err.msg, "plain") && strstr(err.msg, "directory"),
                  "%s", err.msg);
    ck_assert_int_eq(files_in(dir), 1);
    net_free(&net);
}
END_TEST

/* ---- corruptions -------------------------------------------------------- */

/* Every proper prefix of a file is refused. */
START_TEST(every_truncation_is_refused)
{
    Net net, back;
    double scale;
    Error err;
    size_t len;
    make_net(&net, 3, 2, 2, ACT_SIGMOID, 5);
    unsigned char *buf = image(&net, 1.0, &len);
    ck_assert_int_eq(netio_decode(&back, &scale, buf, len, "t", 3, 2, &err),
                     0);
    net_free(&back);
    for (size_t n = 0; n < len; n++) {
        ck_assert_msg(netio_decode(&back, &scale, buf, n, "t.nnet", 0, 0,
                                   &err) == -1, "%zu bytes accepted", n);
        ck_assert_ptr_null(back.params);
        if (n >= 8)
            assert_message(&err, "t.nnet", "truncated");
    }
    free(buf);
    net_free(&net);
}
END_TEST

/* Every single-bit change anywhere in a file is refused: CRC-32 catches
 * them all. */
START_TEST(every_flipped_bit_is_refused)
{
    Net net, back;
    double scale;
    Error err;
    size_t len;
    make_net(&net, 3, 2, 2, ACT_TANH, 6);
    unsigned char *buf = image(&net, 1.0, &len);
    for (size_t i = 0; i < len; i++)
        for (int bit = 0; bit < 8; bit++) {
            buf[i] ^= (unsigned char)(1u << bit);
            ck_assert_msg(netio_decode(&back, &scale, buf, len, "f.nnet", 0,
                                       0, &err) == -1,
                          "byte %zu bit %d flipped was accepted", i, bit);
            ck_assert_ptr_null(strchr(err.msg, '\n'));
            buf[i] ^= (unsigned char)(1u << bit);
        }
    free(buf);
    net_free(&net);
}
END_TEST

/* Each way a file can be wrong, made from a good file, and the words the
 * message must contain. */
typedef enum {
    BAD_EMPTY, BAD_MAGIC, BAD_VERSION, BAD_HALF, BAD_TRAILING, BAD_PARAM,
    BAD_CRC, BAD_SHAPE_FIELD, BAD_ACTIVATION, BAD_NAN, BAD_SCALE,
    BAD_WRONG_SHAPE, BAD_TEXT, BAD_GZIP
} Bad;

static const struct {
    Bad what;
    const char *expect;
} corruptions[] = {
    {BAD_EMPTY, "empty file"},
    {BAD_MAGIC, "byte 0: not a network file"},
    {BAD_VERSION, "byte 8: format version 2; expected version 1"},
    {BAD_HALF, "truncated: 15064 bytes; a 64x50x10 network file has 30128"},
    {BAD_TRAILING, "byte 30128: 1 unexpected bytes"},
    {BAD_PARAM, "checksum"},
    {BAD_CRC, "the file is corrupt"},
    {BAD_SHAPE_FIELD, "byte 12: shape 64x50x11 with 3760 parameters"},
    {BAD_ACTIVATION, "byte 24: activation 7; expected 0 (sigmoid)"},
    {BAD_NAN, "byte 52: parameter 1 is not a finite number"},
    {BAD_SCALE, "byte 36: input scale -1"},
    {BAD_WRONG_SHAPE, "a 32x50x10 network; expected 64 inputs and 10"},
    {BAD_TEXT, "not a network file"},
    {BAD_GZIP, "not a network file"},
};

START_TEST(each_corruption_is_refused)
{
    Net net, back;
    double scale;
    Error err;
    size_t len;
    Bad what = corruptions[_i].what;
    make_net(&net, what == BAD_WRONG_SHAPE ? 32 : 64, 50, 10, ACT_SIGMOID,
             4);
    unsigned char *buf = image(&net, 1.0, &len);
    unsigned char *grown = realloc(buf, len + 1);
    ck_assert_ptr_nonnull(grown);
    buf = grown;
    double nan = NAN;
    switch (what) {
    case BAD_EMPTY: len = 0; break;
    case BAD_MAGIC: buf[3] = 'X'; break;
    case BAD_VERSION: buf[8] = 2; reseal(buf, len); break;
    case BAD_HALF: len /= 2; break;
    case BAD_TRAILING: buf[len++] = 0; break;
    case BAD_PARAM: buf[5000] ^= 0x40; break;
    case BAD_CRC: buf[len - 1] ^= 1; break;
    case BAD_SHAPE_FIELD: buf[20] = 11; reseal(buf, len); break;
    case BAD_ACTIVATION: buf[24] = 7; reseal(buf, len); break;
    case BAD_NAN: memcpy(buf + 52, &nan, 8); reseal(buf, len); break;
    case BAD_SCALE: buf[43] = 0xbf; reseal(buf, len); break;
    case BAD_WRONG_SHAPE: break;
    case BAD_TEXT: memcpy(buf, "0,0,5,13,9,1,0,0\n", 17); break;
    case BAD_GZIP: memcpy(buf, "\x1f\x8b\x08\x00", 4); break;
    }
    write_bytes(in_dir("bad.nnet"), buf, len);
    ck_assert_int_eq(netio_load(&back, &scale, in_dir("bad.nnet"), 64, 10,
                                &err), -1);
    ck_assert_ptr_null(back.params);
    assert_message(&err, "bad.nnet", corruptions[_i].expect);
    free(buf);
    net_free(&net);
}
END_TEST

START_TEST(refuses_missing_directory_and_huge_files)
{
    Net back;
    double scale;
    Error err;
    ck_assert_int_eq(netio_load(&back, &scale, in_dir("none.nnet"), 0, 0,
                                &err), -1);
    assert_message(&err, "none.nnet", "No such file");
    ck_assert_int_eq(netio_load(&back, &scale, dir, 0, 0, &err), -1);
    assert_message(&err, dir, "is a directory");
    /* A header claiming 2^24 + 1 parameters is refused before anything
     * of that size is allocated. */
    unsigned char head[48] = "NNET\r\n\x1a\n\x01";
    head[12] = 1;
    head[14] = 1; /* D = 65536 */
    head[16] = 0;
    head[18] = 1; /* H = 65536 */
    head[20] = 1;
    ck_assert_int_eq(netio_decode(&back, &scale, head, sizeof head, "h", 0,
                                  0, &err), -1);
    ck_assert_msg(strstr(err.msg, "corrupt") || strstr(err.msg, "shape"),
                  "%s", err.msg);
}
END_TEST

/* Inputs that once made the netio fuzzer fail are refused cleanly. */
/* A fuzzing file loads, or is refused in one line that names it. */
static void load_or_refuse(const char *path)
{
    Net back;
    double scale;
    Error err;
    if (netio_load(&back, &scale, path, 0, 0, &err) == 0) {
        net_free(&back);
        return;
    }
    ck_assert_ptr_null(strchr(err.msg, '\n'));
    ck_assert_msg(strstr(err.msg, path) != NULL, "%s", err.msg);
}

/* The fuzzing seeds (a valid and a truncated file) and any kept
 * crashers. */
START_TEST(fuzz_files_load_or_are_refused)
{
    ck_assert_int_ge(replay_fuzz_files("netio_load", load_or_refuse), 2);
}
END_TEST

/* Files written by another implementation of the format (the fuzzing
 * seeds, made by a few lines of Python's struct and zlib.crc32) load. */
START_TEST(independent_writer_files_load)
{
    static const struct {
        const char *name;
        int D, H, K;
        Activation act;
        double scale;
    } files[] = {
        {"valid-2x3x2-sigmoid.nnet", 2, 3, 2, ACT_SIGMOID, 1.0},
        {"valid-4x3x3-tanh.nnet", 4, 3, 3, ACT_TANH, 1.0 / 16},
        {"valid-1x1x1-relu.nnet", 1, 1, 1, ACT_RELU, 1.0},
    };
    for (int i = 0; i < 3; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/fuzz/corpus/netio_load/%s",
                 NN_REPO_DIR, files[i].name);
        Net net;
        double scale;
        Error err;
        ck_assert_msg(netio_load(&net, &scale, path, 0, 0, &err) == 0, "%s",
                      err.msg);
        ck_assert_int_eq(net.D, files[i].D);
        ck_assert_int_eq(net.H, files[i].H);
        ck_assert_int_eq(net.K, files[i].K);
        ck_assert_int_eq(net.act, files[i].act);
        ck_assert(scale == files[i].scale);
        net_free(&net);
    }
}
END_TEST

/* ---- the programs ------------------------------------------------------- */

/* Chapter 6 saves exactly the network it trained: the hidden weights it
 * writes in the same run (as %.17g, which gives back the same double)
 * are the saved ones, bit for bit.  (Training again in this process is no
 * test: under valgrind the BLAS picks other kernels and other bits.) */
START_TEST(chapter_06_saves_what_it_trained)
{
    char cmd[2048], *out, line[256];
    snprintf(cmd, sizeof cmd, "06-sgd --seed 3 --epochs 2 --out %s/o "
             "--save %s", dir, in_dir("06.nnet"));
    ck_assert_int_eq(run_program(&out, cmd), 0);
    free(out);
    Net saved;
    double scale;
    Error err;
    ck_assert_msg(netio_load(&saved, &scale, in_dir("06.nnet"), 64, 10,
                             &err) == 0, "%s", err.msg);
    ck_assert(scale == 1.0);
    snprintf(cmd, sizeof cmd, "%s/o/hidden_weights.tsv", dir);
    FILE *f = fopen(cmd, "r");
    ck_assert_ptr_nonnull(f);
    ck_assert_ptr_nonnull(fgets(line, sizeof line, f)); /* the header */
    int n = 0, j, row, col;
    double w;
    while (fgets(line, sizeof line, f) &&
           sscanf(line, "%d %d %d %lf", &j, &row, &col, &w) == 4) {
        ck_assert_msg(w == mat_at(&saved.Wh, row * 8 + col, j),
                      "unit %d pixel (%d, %d): %.17g written, %.17g saved",
                      j, row, col, w, mat_at(&saved.Wh, row * 8 + col, j));
        n++;
    }
    fclose(f);
    ck_assert_int_eq(n, 64 * 50);
    net_free(&saved);
    unlink(cmd);
    snprintf(cmd, sizeof cmd, "%s/o/epochs.tsv", dir);
    unlink(cmd);
    snprintf(cmd, sizeof cmd, "%s/o", dir);
    rmdir(cmd);
}
END_TEST


/* predict feeds 256 rows at a time, the check below one: a BLAS may add
 * in another order for another shape, so the probabilities agree to
 * round-off only. */
#define PROB_TOL 1e-12

/* predict prints `index label predicted` for every image; they must be
 * what net_predict gives in this process, and the accuracy must match. */
START_TEST(predict_program_agrees)
{
    Dataset ds;
    Error err;
    ck_assert(data_load(&ds, DATA_FILE, &err) == 0);
    Net net;
    Work w;
    make_net(&net, 64, 50, 10, ACT_SIGMOID, 11);
    ck_assert(netio_save(&net, 1.0, in_dir("p.nnet"), &err) == 0);
    int *pred = malloc(ds.n * sizeof *pred);
    ck_assert_ptr_nonnull(pred);
    ck_assert(work_init(&w, &net, 100) == 0);
    net_predict(pred, &net, &ds.X, &w);
    char cmd[2048], *out, buf[64];
    snprintf(cmd, sizeof cmd, "predict --model %s --out %s/o",
             in_dir("p.nnet"), dir);
    ck_assert_int_eq(run_program(&out, cmd), 0);
    const char *p = strstr(out, "index label predicted\n");
    ck_assert_ptr_nonnull(p);
    p = strchr(p, '\n') + 1;
    int right = 0;
    for (int i = 0; i < ds.n; i++) {
        int idx, label, got, used;
        ck_assert_int_eq(sscanf(p, "%d %d %d%n", &idx, &label, &got, &used),
                         3);
        ck_assert_int_eq(idx, i);
        ck_assert_int_eq(label, ds.labels[i]);
        ck_assert_int_eq(got, pred[i]);
        right += got == label;
        p += used + 1;
    }
    ck_assert_ptr_nonnull(summary_value(buf, sizeof buf, out, "correct"));
    ck_assert_int_eq(atoi(buf), right);
    free(out);
    /* predictions.tsv: the class and the ten probabilities of each image,
     * which read back as exactly this process's forward pass. */
    snprintf(cmd, sizeof cmd, "%s/o/predictions.tsv", dir);
    FILE *f = fopen(cmd, "r");
    ck_assert_ptr_nonnull(f);
    char line[1024];
    ck_assert_ptr_nonnull(fgets(line, sizeof line, f));
    ck_assert_str_eq(line, "index\tlabel\tpredicted\tp0\tp1\tp2\tp3\tp4"
                           "\tp5\tp6\tp7\tp8\tp9\n");
    for (int i = 0; i < ds.n; i++) {
        ck_assert_ptr_nonnull(fgets(line, sizeof line, f));
        Matrix x = mat_view(ds.X.data + (long)i * 64, 1, 64);
        net_forward(&w, &net, &x);
        char *p = line;
        for (int c = 0; c < 3; c++)
            p = strchr(p, '\t') + 1;
        for (int k = 0; k < 10; k++) {
            char *end;
            double v = strtod(p, &end);
            ck_assert_msg(fabs(v - w.P.data[k]) <= PROB_TOL,
                          "image %d, p%d: %.17g, here %.17g", i, k, v,
                          w.P.data[k]);
            p = end;
        }
        ck_assert_int_eq(*p, '\n');
    }
    ck_assert_ptr_null(fgets(line, sizeof line, f));
    fclose(f);
    unlink(cmd);
    snprintf(cmd, sizeof cmd, "%s/o", dir);
    rmdir(cmd);
    work_free(&w);
    free(pred);
    net_free(&net);
    data_free(&ds);
}
END_TEST

/* A network trained on pixels / 16 is fed pixels / 16 by predict. */
START_TEST(predict_applies_the_input_scale)
{
    Dataset ds;
    Error err;
    ck_assert(data_load(&ds, DATA_FILE, &err) == 0);
    data_scale_pixels(&ds);
    Net net;
    Work w;
    make_net(&net, 64, 50, 10, ACT_SIGMOID, 12);
    ck_assert(netio_save(&net, 1.0 / 16, in_dir("s.nnet"), &err) == 0);
    int *pred = malloc(ds.n * sizeof *pred);
    ck_assert_ptr_nonnull(pred);
    ck_assert(work_init(&w, &net, 100) == 0);
    net_predict(pred, &net, &ds.X, &w);
    int right = 0;
    for (int i = 0; i < ds.n; i++)
        right += pred[i] == ds.labels[i];
    char cmd[2048], *out, buf[64];
    snprintf(cmd, sizeof cmd, "predict --model %s --out %s/o",
             in_dir("s.nnet"), dir);
    ck_assert_int_eq(run_program(&out, cmd), 0);
    ck_assert_ptr_nonnull(summary_value(buf, sizeof buf, out, "correct"));
    ck_assert_int_eq(atoi(buf), right);
    free(out);
    snprintf(cmd, sizeof cmd, "%s/o/predictions.tsv", dir);
    unlink(cmd);
    snprintf(cmd, sizeof cmd, "%s/o", dir);
    rmdir(cmd);
    work_free(&w);
    free(pred);
    net_free(&net);
    data_free(&ds);
}
END_TEST

Suite *suite_netio(void)
{
    Suite *s = suite_create("netio");
    TCase *tc = tcase_create("files");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, round_trip_is_bit_exact);
    tcase_add_test(tc, layout_is_as_documented);
    tcase_add_test(tc, predictions_survive_the_round_trip);
    tcase_add_test(tc, save_replaces_whole_and_leaves_no_temporary);
    tcase_add_test(tc, save_refuses_what_it_cannot_write);
    tcase_add_test(tc, every_truncation_is_refused);
    tcase_add_test(tc, every_flipped_bit_is_refused);
    tcase_add_loop_test(tc, each_corruption_is_refused, 0,
                        (int)(sizeof corruptions / sizeof corruptions[0]));
    tcase_add_test(tc, refuses_missing_directory_and_huge_files);
    tcase_add_test(tc, fuzz_files_load_or_are_refused);
    tcase_add_test(tc, independent_writer_files_load);
    suite_add_tcase(s, tc);
    TCase *pr = tcase_create("programs");
    tcase_add_checked_fixture(pr, setup, teardown);
    tcase_set_timeout(pr, 60);
    tcase_add_test(pr, chapter_06_saves_what_it_trained);
    tcase_add_test(pr, predict_program_agrees);
    tcase_add_test(pr, predict_applies_the_input_scale);
    suite_add_tcase(s, pr);
    return s;
}
