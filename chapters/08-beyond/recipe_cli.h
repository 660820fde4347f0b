/* recipe_cli.h - the command-line options that set a recipe.
 *
 * Chapter 8's program and tools/recipe-cv take the same options, named as
 * recipe_options (recipe.h) writes them: three flags, six options that
 * take a name, six that take a number.  Each is described once, in a
 * table in recipe_cli.c.
 */
#ifndef NN_RECIPE_CLI_H
#define NN_RECIPE_CLI_H

#include "cli.h"
#include "err.h"
#include "recipe.h"

enum {
    RECIPE_N_FLAGS = 3,   /* --sum-gradients, --raw-pixels, --no-warps */
    RECIPE_N_NAMED = 6,   /* --init, --batches, --optimizer, --activation,
                           * --stop, --schedule */
    RECIPE_N_NUMBERS = 6, /* --epochs, --eta, --lambda, --batch-size,
                           * --patience, --init-gain */
    RECIPE_N_OPTIONS = RECIPE_N_FLAGS + RECIPE_N_NAMED + RECIPE_N_NUMBERS
};

/* What cli_parse fills before recipe_cli_apply moves it into a recipe. */
typedef struct {
    int flag[RECIPE_N_FLAGS];
    const char *names[RECIPE_N_NAMED];
    char help[RECIPE_N_NAMED + RECIPE_N_NUMBERS][64]; /* help lines of the
                                      * options that take a value, with
                                      * their defaults */
} RecipeCli;

/* Fills opts (RECIPE_N_OPTIONS entries) for cli_parse, pointing into r
 * and into c; the defaults shown are r's values.  Sets r->init_gain to
 * the gain it stands for (0 counts as 1). */
void recipe_cli_options(CliOption *opts, Recipe *r, RecipeCli *c);

/* Moves what c collected into r.  Returns 0, or -1 with a message naming
 * the option whose name is unknown. */
int recipe_cli_apply(Recipe *r, const RecipeCli *c, Error *err);

#endif
