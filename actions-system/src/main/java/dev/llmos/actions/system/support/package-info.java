/**
 * helpers shared by the system action families: path and error handling, lstat, owner names and
 * /proc text files. internal to this module, not a stable api.
 */
package dev.llmos.actions.system.support;
