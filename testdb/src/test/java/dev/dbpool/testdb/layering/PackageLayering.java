package dev.dbpool.testdb.layering;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

import java.nio.file.Files;
import java.nio.file.Path;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package rules every module's {@code PackageLayeringTest} checks, read from the compiled classes (what
 * {@code jdeps -verbose:package} reads) rather than the sources, so a wildcard import or a fully qualified name
 * is seen too. The API sits at the module's root package and the engine below it:
 * <ul>
 *   <li>{@link #assertNoCycles()}: no two packages of the module depend on each other, directly or around a
 *       loop; in particular a package below the root that the root uses never uses the root back;</li>
 *   <li>{@link #assertNothingBelowUsesTheRoot()}: the stricter rule for a module whose engine needs nothing of
 *       its API (every shared type lives below the root).</li>
 * </ul>
 */
public final class PackageLayering {

    private final String root;
    private final JavaClasses classes;

    private PackageLayering(String root, JavaClasses classes) {
        this.root = root;
        this.classes = classes;
    }

    /** The module's main classes ({@code target/classes}, as surefire runs from the module's folder) under {@code root}. */
    public static PackageLayering of(String root) {
        return of(root, Path.of("target/classes"));
    }

    /** The classes under {@code root} compiled into {@code classesDirectory}. */
    public static PackageLayering of(String root, Path classesDirectory) {
        if (!Files.isDirectory(classesDirectory.resolve(root.replace('.', '/')))) {
            throw new IllegalArgumentException("no package " + root + " in " + classesDirectory.toAbsolutePath()
                    + ": run from the module's folder after compiling");
        }
        return new PackageLayering(root, new ClassFileImporter().importPath(classesDirectory));
    }

    public void assertNoCycles() {
        slices().assignedFrom(eachPackageOf(root))
                .should().beFreeOfCycles()
                .because("a package cycle means neither side can be understood, tested or moved alone")
                .check(classes);
    }

    public void assertNothingBelowUsesTheRoot() {
        noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackage(root)
                .should().dependOnClassesThat().resideInAPackage(root)
                .because("the API at " + root + " is built on the packages below it, never the other way round")
                .check(classes);
    }

    /** Every package under {@code root} (the root included) is its own slice; classes elsewhere are ignored. */
    private static SliceAssignment eachPackageOf(String root) {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String pkg = javaClass.getPackageName();
                return pkg.equals(root) || pkg.startsWith(root + ".") ? SliceIdentifier.of(pkg) : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "the packages of " + root;
            }
        };
    }
}
