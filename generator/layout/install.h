/* install.h - where jixiao's own files are: its templates and fonts. */
#ifndef JX_INSTALL_H
#define JX_INSTALL_H

/* The folder of jixiao's data what ("templates" or "fonts"): the
 * environment variable env when set, else the folder jixiao was built or
 * installed with (compiled), else share/jixiao/what beside the program's own
 * folder, so that a tree installed under DESTDIR or moved whole still finds
 * its files.  The string is owned by jixiao and lives as long as it. */
const char *jx_install_dir(const char *env, const char *compiled, const char *what);

#endif
