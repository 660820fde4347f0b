# mk/blas.mk - a BLAS behind mat_matmul (lib/mat.c), on by default.
#
#   make                 uses OpenBLAS (or another cblas) when pkg-config finds one
#   make BLAS=none       builds the pure-C reference kernel only
#   make BLAS=openblas   insists on a pkg-config package by that name
#
# Defining NN_BLAS switches lib/mat.c to cblas_dgemm; the reference kernel
# stays in the library as mat_matmul_ref.  The build directory records the
# choice (BUILD/blas.stamp), so switching BLAS= rebuilds lib/mat.c.

ifeq ($(origin BLAS),undefined)
BLAS := $(firstword $(foreach p,openblas cblas,\
          $(if $(shell $(PKG_CONFIG) --exists $(p) && echo yes),$(p))))
endif
ifeq ($(BLAS),)
BLAS := none
endif

ifneq ($(BLAS),none)
BLAS_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(BLAS))
BLAS_LIBS   := $(shell $(PKG_CONFIG) --libs $(BLAS))
ifeq ($(BLAS_LIBS),)
$(error BLAS=$(BLAS): pkg-config knows no package '$(BLAS)'; use BLAS=none)
endif
NN_CFLAGS += -DNN_BLAS $(BLAS_CFLAGS)
NN_LDLIBS += $(BLAS_LIBS)
endif

# Rebuild lib/mat.c when the choice changes.
$(BUILD)/blas.stamp: FORCE_BLAS_STAMP
	@mkdir -p $(@D)
	@echo '$(BLAS)' | cmp -s - $@ || echo '$(BLAS)' > $@
$(BUILD)/obj/lib/mat.o: $(BUILD)/blas.stamp
.PHONY: FORCE_BLAS_STAMP
