package fr.lexom.contracts.api;

import static fr.lexom.contracts.identity.Groups.COORDINATION;
import static fr.lexom.contracts.identity.Groups.MANAGERS;

import fr.lexom.contracts.process.BusinessCalendar;
import fr.lexom.contracts.contract.ContractNotFoundException;
import fr.lexom.contracts.delivery.Trainers;
import fr.lexom.contracts.delivery.Trainers.Trainer;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who delivers a session or a contract's training (issue 23, item 5): the trainer countersigns each half-day by their
 * own link, sent with the convocations. Coordination and managers set it.
 */
@RestController
@RequestMapping(path = "/api", produces = "application/json")
@Tag(name = "Formateurs")
@SecurityRequirement(name = "basic")
class TrainersApi {

    /** A trainer: internal (LEXOM's staff) or external, their name and the address their link goes to. */
    record TrainerBody(
            @NotNull(message = "obligatoire") @Pattern(regexp = "INTERNAL|EXTERNAL", message = "INTERNAL ou EXTERNAL") String kind,
            @NotBlank(message = "obligatoire") @Size(max = 200, message = "200 caractères au plus") @Pattern(regexp = "^[^<>]*$", message = "sans < ni >") String fullName,
            @NotBlank(message = "obligatoire") @Email(message = "adresse e-mail invalide") @Size(max = 254, message = "254 caractères au plus") String email) {
    }

    record TrainerView(String kind, String fullName, String email) {
        static TrainerView of(Trainer trainer) {
            return new TrainerView(trainer.kind().name(), trainer.fullName(), trainer.email());
        }
    }

    private final Trainers trainers;
    private final BusinessCalendar calendar;

    TrainersApi(Trainers trainers, BusinessCalendar calendar) {
        this.trainers = trainers;
        this.calendar = calendar;
    }

    @PutMapping(path = "/contracts/{number}/trainer", consumes = "application/json")
    @RequiresGroups({COORDINATION, MANAGERS})
    @Operation(summary = "Le formateur qui anime la formation du contrat (interne ou externe) ; il contresigne l'émargement (E1)")
    @Transactional
    TrainerView contractTrainer(@PathVariable String number, @Valid @RequestBody TrainerBody body) {
        Trainer trainer = trainers.save(Trainers.Kind.valueOf(body.kind()), body.fullName(), body.email());
        if (!trainers.assignToContract(number, trainer)) {
            throw new ContractNotFoundException(number);
        }
        return TrainerView.of(trainer);
    }

    @PutMapping(path = "/sessions/{code}/trainer", consumes = "application/json")
    @RequiresGroups({COORDINATION, MANAGERS})
    @Operation(summary = "Le formateur d'une session du catalogue ; les contrats de la session dont la formation n'est pas finie le prennent (E1)")
    @Transactional
    TrainerView sessionTrainer(@PathVariable String code, @Valid @RequestBody TrainerBody body) {
        Trainer trainer = trainers.save(Trainers.Kind.valueOf(body.kind()), body.fullName(), body.email());
        if (!trainers.assignToSession(code, trainer, calendar.today())) {
            throw new NotFoundException("Session inconnue : " + code);
        }
        return TrainerView.of(trainer);
    }
}
