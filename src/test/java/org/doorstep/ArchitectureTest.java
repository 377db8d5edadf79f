package org.doorstep;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;

import jakarta.persistence.Entity;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

/** The house rules that a compiler does not check. */
class ArchitectureTest {

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.doorstep");
    }

    private static final ArchRule sharedDependsOnNoFeature = noClasses().that().resideInAPackage("org.doorstep.shared..")
            .should().dependOnClassesThat().resideOutsideOfPackages("org.doorstep.shared..", "java..", "jakarta..",
                    "org.eclipse..", "org.jboss..", "org.hibernate..", "io.quarkus..", "io.vertx..", "io.smallrye..",
                    "com.fasterxml..",
                    "io.netty..", "io.zonky..");

    /**
     * A resource only speaks HTTP: it reaches data through a service, never a repository, the entity manager,
     * a data source or a transaction of its own.
     */
    private static final ArchRule resourcesAreThin = noClasses().that().areAnnotatedWith(Path.class)
            .should().dependOnClassesThat().haveSimpleNameEndingWith("Repository")
            .orShould().dependOnClassesThat().resideInAnyPackage("jakarta.persistence..", "javax.sql..",
                    "io.quarkus.narayana..", "io.quarkus.hibernate..")
            .because("resources are HTTP only; queries and transactions belong to services");

    private static final ArchRule resourcesHoldNoTransactions = noClasses().that().areAnnotatedWith(Path.class)
            .should().beAnnotatedWith(Transactional.class)
            .because("transactions belong to services");

    private static final ArchRule resourceMethodsHoldNoTransactions = noMethods().that().areDeclaredInClassesThat()
            .areAnnotatedWith(Path.class).should().beAnnotatedWith(Transactional.class)
            .because("transactions belong to services");

    /** Features call each other one way only: no feature reaches, through others, back to itself. */
    private static final ArchRule featuresFormNoCycle = com.tngtech.archunit.library.dependencies.SlicesRuleDefinition
            .slices().matching("org.doorstep.(*)..").should().beFreeOfCycles();

    private static final ArchRule resourcesNeverReturnEntities = noMethods().that().areDeclaredInClassesThat()
            .areAnnotatedWith(Path.class)
            .should().haveRawReturnType(com.tngtech.archunit.base.DescribedPredicate.describe("an entity",
                    (com.tngtech.archunit.core.domain.JavaClass c) -> c.isAnnotatedWith(Entity.class)));

    private static final ArchRule timeComesFromTheClock = noClasses().should()
            .callMethod(Instant.class, "now").orShould().callMethod(LocalDate.class, "now")
            .orShould().callMethod(LocalDateTime.class, "now").orShould().callMethod(OffsetDateTime.class, "now")
            .orShould().callMethod(ZonedDateTime.class, "now")
            .because("services take the time from the injected Clock so that deadlines are testable");

    private static final ArchRule repositoriesStayInTheirFeature = classes().that().haveSimpleNameEndingWith("Repository")
            .should(new ArchCondition<JavaClass>("be used only inside their own feature") {
                @Override
                public void check(JavaClass repository, ConditionEvents events) {
                    for (Dependency dependency : repository.getDirectDependenciesToSelf()) {
                        JavaClass origin = dependency.getOriginClass();
                        if (!origin.getPackageName().equals(repository.getPackageName())) {
                            events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                        }
                    }
                }
            })
            .because("features call each other through services, never repositories");

    @Test
    void sharedDependsOnNoFeature() {
        sharedDependsOnNoFeature.check(main);
    }

    @Test
    void resourcesAreThin() {
        resourcesAreThin.check(main);
    }

    @Test
    void featuresFormNoCycle() {
        featuresFormNoCycle.check(main);
    }

    @Test
    void resourcesHoldNoTransactions() {
        resourcesHoldNoTransactions.check(main);
        resourceMethodsHoldNoTransactions.check(main);
    }

    @Test
    void resourcesNeverReturnEntities() {
        resourcesNeverReturnEntities.check(main);
    }

    @Test
    void timeComesFromTheClock() {
        timeComesFromTheClock.check(main);
    }

    @Test
    void repositoriesStayInTheirFeature() {
        repositoriesStayInTheirFeature.check(main);
    }
}
