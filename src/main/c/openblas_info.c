/*
 * OpenBLAS's own answers about itself, for sparkprop.blas.OpenBlasInfo: the library at `library`, which
 * must already be loaded in this process (RTLD_NOLOAD: nothing is loaded or initialised here), is asked
 * through its exported functions
 *
 *   openblas_get_corename()     the kernel set its CPU dispatch chose, e.g. "Cooperlake"
 *   openblas_get_config()       "OpenBLAS 0.3.31 DYNAMIC_ARCH NO_AFFINITY Cooperlake MAX_THREADS=64"
 *   openblas_get_num_threads()  the threads it uses per call
 *
 * Returns those three as strings (null where the function is missing), or null when the library is not
 * loaded. Built by the pom (profile openblas-info) into sparkprop/blas/linux-x86_64/ of the jar.
 */
#include <dlfcn.h>
#include <jni.h>
#include <stdio.h>

JNIEXPORT jobjectArray JNICALL Java_sparkprop_blas_OpenBlasInfo_query(JNIEnv *env, jclass cls, jstring library) {
  (void) cls;
  const char *path = (*env)->GetStringUTFChars(env, library, NULL);
  if (path == NULL) return NULL;
  void *handle = dlopen(path, RTLD_LAZY | RTLD_NOLOAD);
  (*env)->ReleaseStringUTFChars(env, library, path);
  if (handle == NULL) return NULL;
  char *(*corename)(void) = (char *(*)(void)) dlsym(handle, "openblas_get_corename");
  char *(*config)(void) = (char *(*)(void)) dlsym(handle, "openblas_get_config");
  int (*threads)(void) = (int (*)(void)) dlsym(handle, "openblas_get_num_threads");
  jobjectArray out = (*env)->NewObjectArray(env, 3, (*env)->FindClass(env, "java/lang/String"), NULL);
  if (out != NULL) {
    char count[16];
    if (corename != NULL) (*env)->SetObjectArrayElement(env, out, 0, (*env)->NewStringUTF(env, corename()));
    if (config != NULL) (*env)->SetObjectArrayElement(env, out, 1, (*env)->NewStringUTF(env, config()));
    if (threads != NULL) {
      snprintf(count, sizeof count, "%d", threads());
      (*env)->SetObjectArrayElement(env, out, 2, (*env)->NewStringUTF(env, count));
    }
  }
  dlclose(handle); /* drops the reference RTLD_NOLOAD took; the library stays loaded */
  return out;
}
