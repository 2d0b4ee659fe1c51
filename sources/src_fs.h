/* src_fs.h: the filesystem source: walks files and directories (or reads
 * stdin for "-") and streams them as overlapping chunks.
 */
#ifndef SRC_FS_H
#define SRC_FS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "scanner/sc_engine.h"

typedef struct src_fs src_fs;

typedef struct src_fs_options {
    const char *const *paths;       /* Files, directories, or "-" for stdin. */
    size_t npaths;
    bool follow_symlinks;           /* Default false: physical walk. */
    uint64_t max_file_size;         /* Default 100 MiB; 0 means no limit. */
    bool scan_binary;               /* Default false. */
    const char *const *include_globs;   /* If any, only matching files. */
    size_t ninclude;
    const char *const *exclude_globs;
    size_t nexclude;
    bool scan_git_dir;              /* Default false: .git/ is skipped. */
    const char *ignore_file;        /* --ignore-file, gitignore syntax; NULL: none.
                                     * .rootleignore at each directory argument
                                     * is always read. */
    size_t chunk_size;              /* Default 64 KiB: bytes each chunk owns. */
    size_t peek_size;               /* Default 4 KiB: overlap into the next chunk. */
} src_fs_options;

void src_fs_options_defaults(src_fs_options *o);

/* Creates the source. Paths are checked for existence by the CLI, not here.
 * A broken --ignore-file fails with SC_ECONFIG and a message in err. */
sc_code src_fs_create(const src_fs_options *o, src_fs **out, char *err, size_t errlen);
void src_fs_free(src_fs *s);   /* Accepts NULL. */

/* The plugin for the engine; s must outlive the scan. */
sc_source src_fs_source(src_fs *s);

#endif
