/* recipe_cli.c - the options that set a recipe (see recipe_cli.h). */
#include "recipe_cli.h"

#include <stddef.h>
#include <stdio.h>

#include "names.h"

/* ---- the tables ------------------------------------------------------- */

enum { FLAG_SUM, FLAG_RAW, FLAG_NO_WARPS };

static const struct {
    const char *name, *help;
} flags[] = {
    [FLAG_SUM] = {"--sum-gradients",
                  "sum the gradient over a batch (or: mean)"},
    [FLAG_RAW] = {"--raw-pixels", "feed the pixels 0..16 (or: / 16)"},
    [FLAG_NO_WARPS] = {"--no-warps", "train on the images alone (or: and "
                                     "on a fresh warp of each, every epoch)"},
};

/* An option that takes a name: how to read it from a recipe and how to
 * set it. */
static const char *get_init(const Recipe *r) { return init_name(r->init); }
static const char *get_batches(const Recipe *r)
{
    return train_batches_name(r->fit.batches);
}
static const char *get_optim(const Recipe *r)
{
    return optim_name(r->fit.optimizer);
}
static const char *get_act(const Recipe *r) { return act_name(r->act); }
static const char *get_stop(const Recipe *r)
{
    return train_stop_name(r->fit.stop);
}
static const char *get_schedule(const Recipe *r)
{
    return train_schedule_name(r->fit.schedule);
}
static int set_init(Recipe *r, const char *s)
{
    return init_parse(&r->init, s);
}
static int set_batches(Recipe *r, const char *s)
{
    return train_batches_parse(&r->fit.batches, s);
}
static int set_optim(Recipe *r, const char *s)
{
    return optim_parse(&r->fit.optimizer, s);
}
static int set_act(Recipe *r, const char *s) { return act_parse(&r->act, s); }
static int set_stop(Recipe *r, const char *s)
{
    return train_stop_parse(&r->fit.stop, s);
}
static int set_schedule(Recipe *r, const char *s)
{
    return train_schedule_parse(&r->fit.schedule, s);
}

static const struct {
    const char *name, *choices;
    const char *(*get)(const Recipe *r);
    int (*set)(Recipe *r, const char *name);
} named[] = {
    {"--init", "randn | glorot", get_init, set_init},
    {"--batches", "choice | shuffle", get_batches, set_batches},
    {"--optimizer", "sgd | adam", get_optim, set_optim},
    {"--activation", "sigmoid | tanh | relu", get_act, set_act},
    {"--stop", "none | validation | loss", get_stop, set_stop},
    {"--schedule", "constant | cosine", get_schedule, set_schedule},
};

/* An option that takes a number: where it lives in a Recipe. */
static const struct {
    const char *name;
    OptType type; /* OPT_INT or OPT_DOUBLE */
    size_t offset;
    double min, max;
    const char *help; /* followed by the default in parentheses */
} numbers[] = {
    {"--epochs", OPT_INT, offsetof(Recipe, fit.max_epochs), 1, 100000,
     "most epochs"},
    {"--eta", OPT_DOUBLE, offsetof(Recipe, fit.eta), 0, 1e6,
     "learning rate"},
    {"--lambda", OPT_DOUBLE, offsetof(Recipe, fit.lambda), 0, 1e6,
     "L2 strength"},
    {"--batch-size", OPT_INT, offsetof(Recipe, fit.batch_size), 1,
     DATA_MAX_ROWS, "images per step"},
    {"--patience", OPT_INT, offsetof(Recipe, fit.patience), 1, 100000,
     "flat epochs a stop rule allows"},
    {"--init-gain", OPT_DOUBLE, offsetof(Recipe, init_gain), 1e-3, 1e3,
     "glorot's bounds times this"},
};

_Static_assert(NAMES_COUNT(flags) == RECIPE_N_FLAGS, "flags");
_Static_assert(NAMES_COUNT(named) == RECIPE_N_NAMED, "named options");
_Static_assert(NAMES_COUNT(numbers) == RECIPE_N_NUMBERS, "number options");

/* ---- options and back ------------------------------------------------- */

void recipe_cli_options(CliOption *opts, Recipe *r, RecipeCli *c)
{
    r->init_gain = recipe_gain(r); /* the option's default, 1 rather than 0 */
    c->flag[FLAG_SUM] = !r->fit.mean_grad;
    c->flag[FLAG_RAW] = r->raw_pixels;
    c->flag[FLAG_NO_WARPS] = !augment_on(&r->fit.warp);
    int k = 0;
    for (int i = 0; i < RECIPE_N_FLAGS; i++)
        opts[k++] = (CliOption){flags[i].name, OPT_FLAG, &c->flag[i], 0, 0,
                                flags[i].help};
    for (int i = 0; i < RECIPE_N_NAMED; i++) {
        c->names[i] = named[i].get(r);
        snprintf(c->help[i], sizeof c->help[i], "%s (%s)", named[i].choices,
                 c->names[i]);
        opts[k++] = (CliOption){named[i].name, OPT_STRING, &c->names[i], 0,
                                0, c->help[i]};
    }
    for (int i = 0; i < RECIPE_N_NUMBERS; i++) {
        char *help = c->help[RECIPE_N_NAMED + i], value[32];
        void *dest = (char *)r + numbers[i].offset;
        if (numbers[i].type == OPT_INT)
            snprintf(value, sizeof value, "%d", *(int *)dest);
        else
            recipe_shortest(value, sizeof value, *(double *)dest);
        snprintf(help, sizeof c->help[0], "%s (%s)", numbers[i].help, value);
        opts[k++] = (CliOption){numbers[i].name, numbers[i].type, dest,
                                numbers[i].min, numbers[i].max, help};
    }
}

int recipe_cli_apply(Recipe *r, const RecipeCli *c, Error *err)
{
    for (int i = 0; i < RECIPE_N_NAMED; i++)
        if (named[i].set(r, c->names[i]) != 0)
            return err_set(err, "%s: expected one of the names --help "
                           "lists, got '%.40s'", named[i].name, c->names[i]);
    r->fit.mean_grad = !c->flag[FLAG_SUM];
    r->raw_pixels = c->flag[FLAG_RAW];
    if (c->flag[FLAG_NO_WARPS])
        r->fit.warp = (Warp){0.0, 0.0, 0.0, 0.0};
    return 0;
}
