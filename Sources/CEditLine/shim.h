// libedit's readline-compatible API (Debian libedit-dev): line editing, history, completion.
#include <stdio.h>
#include <editline/readline.h>

// Swift 6 treats C globals as shared mutable state; these accessors set and read libedit's settings from the
// one thread that runs the prompt.
static inline void sluice_editline_setup(const char *name, char *word_breaks, rl_completion_func_t *complete) {
    rl_readline_name = name;
    rl_completer_word_break_characters = word_breaks;
    rl_attempted_completion_function = complete;
}

static inline const char *sluice_editline_buffer(void) { return rl_line_buffer; }

static inline void sluice_editline_completion_over(int over) { rl_attempted_completion_over = over; }
